package io.etlx.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlx.spi.ColumnType;

/**
 * Values written in a spec for a column (a check's bound, an accepted value) as the canonical text
 * the transform writes into the rows file for that column's type, read by the same rules: the
 * warehouse then compares like with like, and {@code validate} refuses a value the column could
 * never hold.
 */
public final class SpecValues {
  private SpecValues() {}

  /**
   * @throws IllegalArgumentException with a message fit for the user when the value does not fit
   *     the type, or is empty
   */
  public static String canonical(ColumnType type, JsonNode value) {
    String text;
    try {
      text = new ValueConverter(type, null, null).convert(value);
    } catch (BadValueException e) {
      // the converter speaks of source data; here the spec is what to fix
      throw new IllegalArgumentException(
          e.getMessage().replaceFirst(": fix the source data.*", ""));
    }
    if (text == null) {
      throw new IllegalArgumentException("an empty value is not a " + type);
    }
    return text;
  }
}
