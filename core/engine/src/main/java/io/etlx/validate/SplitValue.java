package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.yaml.Problem;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;

/**
 * An unquoted value with a comma inside a flow map, {@code {from: amount, type: decimal(10,2)}}, is
 * split by YAML at the comma: {@code type: decimal(10} and a key {@code 2)} without a value.
 * Recognised by the parentheses the comma cut apart, so that validate says to quote the value
 * rather than report an unknown key {@code '2)'}.
 */
final class SplitValue {
  private SplitValue() {}

  /** The problem to report for {@code key} of {@code map}, or null when it is no split value. */
  static Problem of(YamlNode map, String key) {
    if (!(map instanceof YamlMap entries)
        || !(entries.get(key) instanceof YamlScalar tail)
        || !tail.isNull()
        || depth(key) >= 0) {
      return null;
    }
    String before = null;
    for (String name : entries.keys()) {
      if (name.equals(key)) {
        break;
      }
      before = name;
    }
    if (before == null
        || !(entries.get(before) instanceof YamlScalar head)
        || !(head.value() instanceof String)
        || depth(head.text()) <= 0) {
      return null;
    }
    String whole = head.text() + "," + key.strip();
    return Problem.at(
        ErrorCode.INVALID_VALUE,
        head.origin(),
        "YAML splits an unquoted value at a comma inside {...}: quote it, "
            + before
            + ": \""
            + whole
            + "\"");
  }

  /** Opening less closing parentheses. */
  private static int depth(String text) {
    int depth = 0;
    for (char c : text.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    }
    return depth;
  }
}
