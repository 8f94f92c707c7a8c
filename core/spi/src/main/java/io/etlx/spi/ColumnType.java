package io.etlx.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declared column type: {@code string, integer, bigint, decimal(p,s), double, boolean, date,
 * timestamp}.
 */
public record ColumnType(Kind kind, int precision, int scale) {
  public static final int MAX_DECIMAL_PRECISION = 38;
  private static final Pattern DECIMAL =
      Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

  public enum Kind {
    STRING,
    INTEGER,
    BIGINT,
    DECIMAL,
    DOUBLE,
    BOOLEAN,
    DATE,
    TIMESTAMP;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
  public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);

  /** The names a spec may use, for "did you mean" suggestions. */
  public static List<String> names() {
    return Arrays.stream(Kind.values()).map(Kind::yamlName).toList();
  }

  /**
   * Parses a type as written in YAML.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static ColumnType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("decimal")) {
      return new ColumnType(Kind.DECIMAL, MAX_DECIMAL_PRECISION, 9);
    }
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      return decimal(
          text,
          Integer.parseInt(m.group(1)),
          m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
    for (Kind kind : Kind.values()) {
      if (kind != Kind.DECIMAL && kind.yamlName().equals(t)) {
        return new ColumnType(kind, 0, 0);
      }
    }
    throw new IllegalArgumentException("unknown type '" + text + "'");
  }

  private static ColumnType decimal(String text, int precision, int scale) {
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
      throw new IllegalArgumentException(
          "bad type '" + text + "': decimal(p,s) needs 1 <= p <= 38 and 0 <= s <= p");
    }
    return new ColumnType(Kind.DECIMAL, precision, scale);
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.yamlName();
  }
}
