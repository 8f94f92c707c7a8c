package io.etlx.yaml;

import io.etlx.error.ErrorCode;

/**
 * One thing wrong with a spec, anchored at the YAML node it is about. Rendered as {@code
 * file:line:col: yaml.path: message}.
 */
public record Problem(ErrorCode code, Origin origin, String path, String message)
    implements Comparable<Problem> {

  public static Problem at(ErrorCode code, Origin origin, String message) {
    return new Problem(code, origin, origin.path(), message);
  }

  public String render() {
    String where = origin.file() + ":" + origin.line() + ":" + origin.column() + ": ";
    return path.isEmpty() ? where + message : where + path + ": " + message;
  }

  @Override
  public int compareTo(Problem other) {
    int byFile = origin.file().compareTo(other.origin.file());
    if (byFile != 0) {
      return byFile;
    }
    int byLine = Integer.compare(origin.line(), other.origin.line());
    if (byLine != 0) {
      return byLine;
    }
    int byColumn = Integer.compare(origin.column(), other.origin.column());
    return byColumn != 0 ? byColumn : render().compareTo(other.render());
  }
}
