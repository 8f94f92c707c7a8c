package io.etlx.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A YAML scalar. {@code value} follows the YAML 1.2 core schema (so {@code NO} and {@code on} stay
 * strings, unlike YAML 1.1): String, BigInteger, BigDecimal, Boolean or null. {@code text} is the
 * scalar as written, which is what a string-typed field uses.
 */
public record YamlScalar(Origin origin, Object value, String text) implements YamlNode {
  private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /** Resolves a plain (unquoted) scalar's type; quoted scalars are always strings. */
  public static YamlScalar of(Origin origin, String text, boolean plain) {
    if (!plain) {
      return new YamlScalar(origin, text, text);
    }
    if (NULL.matcher(text).matches()) {
      return new YamlScalar(origin, null, text);
    }
    if (BOOL.matcher(text).matches()) {
      return new YamlScalar(origin, Boolean.valueOf(text.toLowerCase()), text);
    }
    if (INT.matcher(text).matches()) {
      return new YamlScalar(origin, new BigInteger(text), text);
    }
    if (FLOAT.matcher(text).matches()) {
      return new YamlScalar(origin, new BigDecimal(text), text);
    }
    return new YamlScalar(origin, text, text);
  }

  public boolean isNull() {
    return value == null;
  }

  @Override
  public String describe() {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value instanceof BigInteger ? "an integer" : "a number";
  }
}
