package io.etlx.yaml;

import java.util.regex.Pattern;

/**
 * Where a YAML node was written: file, 1-based line and column, and its path in that file (e.g.
 * {@code transform.columns.amount.type}).
 */
public record Origin(String file, int line, int column, String path) {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_\\-]+");

  public Origin child(String key) {
    String segment =
        PLAIN_KEY.matcher(key).matches() ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    return new Origin(file, line, column, path.isEmpty() ? segment : path + "." + segment);
  }

  public Origin child(int index) {
    return new Origin(file, line, column, path + "[" + index + "]");
  }

  public Origin at(int newLine, int newColumn) {
    return new Origin(file, newLine, newColumn, path);
  }

  /** The path a child key would have, without a position change. */
  public String childPath(String key) {
    return child(key).path();
  }
}
