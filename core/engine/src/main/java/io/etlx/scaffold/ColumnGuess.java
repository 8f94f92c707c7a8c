package io.etlx.scaffold;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The narrowest etlx type every value of a field fits, from its sample values: bigint,
 * decimal(p,s), boolean, date, timestamp (with or without an offset) or string.
 */
public final class ColumnGuess {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
  private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+)(?:\\.([0-9]+))?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})[T"
              + " ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?");

  private ColumnGuess() {}

  /** The type of a field whose values (nulls and empty texts ignored) are {@code values}. */
  public static String type(Collection<String> values) {
    boolean any = false;
    boolean integer = true;
    boolean decimal = true;
    boolean bool = true;
    boolean date = true;
    boolean timestamp = true;
    int integerDigits = 1;
    int scale = 0;
    for (String value : values) {
      if (value == null || value.isEmpty()) {
        continue;
      }
      any = true;
      integer &= INTEGER.matcher(value).matches();
      var number = DECIMAL.matcher(value);
      if (decimal && number.matches()) {
        integerDigits =
            Math.max(integerDigits, number.group(1).replaceFirst("^0+(?=.)", "").length());
        scale = Math.max(scale, number.group(2) == null ? 0 : number.group(2).length());
      } else {
        decimal = false;
      }
      String lower = value.toLowerCase(Locale.ROOT);
      bool &= lower.equals("true") || lower.equals("false");
      date &= DATE.matcher(value).matches() && realDate(value);
      var time = TIMESTAMP.matcher(value);
      timestamp &= time.matches() && realDate(time.group(1));
    }
    if (!any) {
      return "string";
    }
    if (integer) {
      return "bigint";
    }
    if (decimal && integerDigits + scale <= 38) {
      int precision = Math.min(38, Math.max(18, integerDigits + scale));
      return "decimal(" + precision + "," + scale + ")";
    }
    if (bool) {
      return "boolean";
    }
    if (date) {
      return "date";
    }
    if (timestamp) {
      return "timestamp";
    }
    return "string";
  }

  private static boolean realDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
