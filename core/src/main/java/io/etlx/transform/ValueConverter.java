package io.etlx.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.etlx.spec.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Converts one raw JSON value to the canonical text of its declared type, as the rows file carries it:
 * plain decimals, ISO dates, {@code yyyy-MM-dd HH:mm:ss.SSSSSS} timestamps (UTC), {@code true}/{@code
 * false}. Returns null for SQL NULL (JSON null, a missing field, or empty text for a non-string type).
 */
final class ValueConverter {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private final ColumnType type;
  private final DateTimeFormatter format;
  private final String pattern;

  ValueConverter(ColumnType type, String pattern) {
    this.type = type;
    this.pattern = pattern;
    this.format = pattern == null ? null : DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
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
        case DOUBLE -> Double.toString(value.isNumber() ? value.doubleValue() : Double.parseDouble(text.trim()));
        case BOOLEAN -> bool(value, text);
        case DATE -> date(text).toString();
        case TIMESTAMP -> format == null && isoLocal(text) ? fastTimestamp(text) : TIMESTAMP.format(timestamp(text));
        case STRING -> text;
      };
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw bad(value);
    }
  }

  private String integral(JsonNode value, String text, int bits) throws BadValueException {
    if (value.isNumber() && integerDigits(value.decimalValue()) > 19) {
      throw new BadValueException("'" + text + "' is out of range for " + type);
    }
    BigInteger number = value.isNumber() ? value.decimalValue().toBigIntegerExact() : new BigInteger(text.trim());
    if (number.bitLength() >= bits) {
      throw new BadValueException("'" + text + "' is out of range for " + type);
    }
    return number.toString();
  }

  private String decimal(JsonNode value, String text) throws BadValueException {
    BigDecimal number = value.isNumber() ? value.decimalValue() : new BigDecimal(text.trim());
    // checked before scaling: 1e99999999 would otherwise expand to a hundred million digits
    if (integerDigits(number) > type.precision() - type.scale()) {
      throw new BadValueException("'" + text + "' has too many digits for " + type);
    }
    BigDecimal scaled = number.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new BadValueException("'" + text + "' has too many digits for " + type);
    }
    return scaled.toPlainString();
  }

  private static long integerDigits(BigDecimal number) {
    return number.signum() == 0 ? 0 : (long) number.precision() - number.scale();
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

  private LocalDate date(String text) {
    if (format != null) {
      return LocalDate.parse(text, format);
    }
    return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }

  /** {@code yyyy-MM-dd[ T]HH:mm:ss[.f{1,6}]}: by far the most common form, worth a path of its own. */
  private static boolean isoLocal(String t) {
    int n = t.length();
    if (n != 19 && (n < 21 || n > 26 || t.charAt(19) != '.')) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      boolean ok = switch (i) {
        case 4, 7 -> c == '-';
        case 10 -> c == ' ' || c == 'T';
        case 13, 16 -> c == ':';
        case 19 -> c == '.';
        default -> c >= '0' && c <= '9';
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The canonical text of an ISO local timestamp, checked for a real date and time without a formatter. */
  private static String fastTimestamp(String t) {
    LocalDateTime.of(num(t, 0, 4), num(t, 5, 7), num(t, 8, 10), num(t, 11, 13), num(t, 14, 16), num(t, 17, 19));
    StringBuilder out = new StringBuilder(26).append(t, 0, 10).append(' ').append(t, 11, 19).append('.');
    out.append(t.length() > 19 ? t.substring(20) : "");
    while (out.length() < 26) {
      out.append('0');
    }
    return out.toString();
  }

  private static int num(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (t.charAt(i) - '0');
    }
    return value;
  }

  private LocalDateTime timestamp(String text) {
    if (format != null) {
      TemporalAccessor parsed = format.parse(text);
      return parsed.isSupported(ChronoField.OFFSET_SECONDS)
          ? OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
          : LocalDateTime.from(parsed);
    }
    String iso = text.trim().replace(' ', 'T');
    try {
      return LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
  }

  private BadValueException bad(JsonNode value) {
    String shown = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    return new BadValueException(shown + " is not a valid " + type + (pattern == null ? "" : " in format '" + pattern + "'"));
  }
}
