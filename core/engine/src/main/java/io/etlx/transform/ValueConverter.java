package io.etlx.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spi.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.util.Locale;

/**
 * Converts one raw JSON value to the canonical text of its declared type, as the rows file carries
 * it: plain decimals (see {@link DecimalConverter}), ISO dates, {@code yyyy-MM-dd HH:mm:ss.SSSSSS}
 * timestamps (UTC, see {@link TemporalConverter}), {@code true}/{@code false}. Returns null for SQL
 * NULL (JSON null, a missing field, or empty text for a non-string type).
 */
final class ValueConverter {
  private final ColumnType type;
  private final String pattern;
  private final TemporalConverter temporal;
  private final DecimalConverter decimal;

  /**
   * @param round how a decimal column rounds extra fraction digits; null: they are a bad value
   */
  ValueConverter(ColumnType type, String pattern, RoundingMode round) {
    this.type = type;
    this.pattern = pattern;
    this.temporal = new TemporalConverter(type, pattern);
    this.decimal = new DecimalConverter(type, round);
  }

  /** Converts a value given as text (null: no value), as a JSON string of that text would. */
  String convertText(String text) throws BadValueException {
    return text == null ? null : convert(TextNode.valueOf(text));
  }

  String convert(JsonNode value) throws BadValueException {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (type.kind() == ColumnType.Kind.STRING) {
      return value.isValueNode() ? value.asText() : value.toString();
    }
    if (!value.isValueNode()) {
      throw bad(value);
    }
    String text = value.asText();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return switch (type.kind()) {
        case INTEGER -> integral(value, text, 32);
        case BIGINT -> integral(value, text, 64);
        case DECIMAL -> decimal(value, text);
        case DOUBLE -> floating(value, text);
        case BOOLEAN -> bool(value, text);
        case DATE -> temporal.date(text);
        case TIMESTAMP -> temporal.timestamp(text);
        case STRING -> text;
      };
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw bad(value);
    }
  }

  private String decimal(JsonNode value, String text) throws BadValueException {
    if (!value.isNumber()) {
      String plain = PlainNumbers.decimal(text, type.precision(), type.scale());
      if (plain != null) {
        return plain;
      }
    }
    return decimal.convert(
        value.isNumber() ? value.decimalValue() : new BigDecimal(text.trim()), text);
  }

  private String integral(JsonNode value, String text, int bits) throws BadValueException {
    if (!value.isNumber()) {
      // up to 9 digits always fit an integer, up to 18 a bigint
      String plain = PlainNumbers.integral(text, bits == 32 ? 9 : 18);
      if (plain != null) {
        return plain;
      }
    }
    if (value.isNumber() && DecimalConverter.integerDigits(value.decimalValue()) > 19) {
      throw new BadValueException("'" + text + "' is out of range for " + type);
    }
    BigInteger number =
        value.isNumber() ? value.decimalValue().toBigIntegerExact() : new BigInteger(text.trim());
    if (number.bitLength() >= bits) {
      throw new BadValueException("'" + text + "' is out of range for " + type);
    }
    return number.toString();
  }

  /**
   * Plain decimal notation only: Double.parseDouble also reads Java literals (NaN, Infinity, 0x1p3,
   * 12f), which are not data. Beyond ±1.8e308 a double is Infinity and below 4.9e-324 it is 0:
   * neither is the value written, so both are out of range.
   */
  private String floating(JsonNode value, String text) throws BadValueException {
    String t = text.trim();
    if (!value.isNumber() && !plainDecimal(t)) {
      throw bad(value);
    }
    double number = value.isNumber() ? value.doubleValue() : Double.parseDouble(t);
    if (Double.isInfinite(number)
        || number == 0
            && (value.isNumber() ? value.decimalValue() : new BigDecimal(t)).signum() != 0) {
      throw new BadValueException("'" + text + "' is out of range for " + type);
    }
    return Double.toString(number);
  }

  /**
   * {@code [+-]digits[.digits][e[+-]digits]}, digits on at least one side of the point: what
   * BigDecimal reads.
   */
  private static boolean plainDecimal(String t) {
    int n = t.length();
    int i = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
    int start = i;
    i = digits(t, i);
    int mantissa = i - start;
    if (i < n && t.charAt(i) == '.') {
      int fraction = i + 1;
      i = digits(t, fraction);
      mantissa += i - fraction;
    }
    if (mantissa == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      int exponent =
          i + 1 < n && (t.charAt(i + 1) == '+' || t.charAt(i + 1) == '-') ? i + 2 : i + 1;
      i = digits(t, exponent);
      if (i == exponent) {
        return false;
      }
    }
    return i == n;
  }

  private static int digits(String t, int from) {
    int i = from;
    while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private String bool(JsonNode value, String text) throws BadValueException {
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> "true";
      case "false", "f", "no", "n", "0" -> "false";
      default -> throw bad(value);
    };
  }

  private BadValueException bad(JsonNode value) {
    String shown = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    return new BadValueException(
        shown
            + " is not a valid "
            + type
            + (pattern == null ? "" : " in format '" + pattern + "'"));
  }
}
