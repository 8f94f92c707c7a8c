package io.etlx.transform;

import io.etlx.spi.ColumnType;
import io.etlx.spi.RowsFile;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Locale;

/**
 * Dates and timestamps: parses ISO-8601 or a column's {@code format} and gives the canonical text,
 * a timestamp in UTC. A zone id is resolved with its rules: a local time the clocks skip (a
 * daylight-saving gap) is a bad value; one they pass twice (an overlap) is read as its first
 * occurrence, the offset in force before the transition (in New York, 01:30 on the November change
 * is 01:30-04:00); an offset in the text picks the other one. Only years 0001 to 9999 (in UTC) are
 * accepted: what every supported warehouse stores. Throws {@link java.time.DateTimeException} for
 * text that does not parse, which the caller reports.
 */
final class TemporalConverter {
  static final int MIN_YEAR = 1;
  static final int MAX_YEAR = 9999;
  // uuuu, not yyyy: year-of-era would print year 0 as 0001 (the era lost); the range check keeps it
  // moot
  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern(RowsFile.TIMESTAMP_PATTERN, Locale.ROOT);

  private final ColumnType type;
  private final DateTimeFormatter format;

  TemporalConverter(ColumnType type, String pattern) {
    this.type = type;
    this.format = pattern == null ? null : custom(pattern);
  }

  /**
   * STRICT, so a pattern rejects what SMART would adjust (30/02 read as 29/02, 24:00 as the next
   * day); yyyy is year-of-era, which STRICT only turns into a year with an era, hence the default
   * era (AD).
   */
  private static DateTimeFormatter custom(String pattern) {
    return new DateTimeFormatterBuilder()
        .appendPattern(pattern)
        .parseDefaulting(ChronoField.ERA, 1)
        .toFormatter(Locale.ROOT)
        .withChronology(IsoChronology.INSTANCE)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  String date(String text) throws BadValueException {
    LocalDate date =
        format != null
            ? LocalDate.from(format.parse(text))
            : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    checkYear(date.getYear(), text);
    return date.toString();
  }

  String timestamp(String text) throws BadValueException {
    if (format == null && isoLocal(text)) {
      return fastTimestamp(text);
    }
    TemporalAccessor parsed =
        format != null
            ? format.parse(text)
            : DateTimeFormatter.ISO_DATE_TIME.parse(text.trim().replace(' ', 'T'));
    LocalDateTime utc = toUtc(parsed, text);
    checkYear(utc.getYear(), text);
    return CANONICAL.format(utc);
  }

  /**
   * The parsed local date-time moved to UTC by its offset or zone; taken as UTC already when it has
   * neither.
   */
  private static LocalDateTime toUtc(TemporalAccessor parsed, String text)
      throws BadValueException {
    LocalDateTime local = LocalDateTime.from(parsed);
    ZoneOffset offset = parsed.query(TemporalQueries.offset());
    ZoneId zone = parsed.query(TemporalQueries.zoneId());
    if (offset == null && zone == null) {
      return local;
    }
    if (offset == null) {
      offset = offsetIn(zone, local, text);
    } else if (zone != null) {
      ZonedDateTime.ofStrict(local, offset, zone); // both given: they must agree
    }
    return local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  private static ZoneOffset offsetIn(ZoneId zone, LocalDateTime local, String text)
      throws BadValueException {
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    if (valid.isEmpty()) {
      ZoneOffsetTransition gap = zone.getRules().getTransition(local);
      throw new BadValueException(
          "'"
              + text
              + "' is not a valid timestamp: that local time does not exist in "
              + zone.getId()
              + " (the clocks jump from "
              + gap.getDateTimeBefore()
              + " to "
              + gap.getDateTimeAfter()
              + ")");
    }
    return valid.get(
        0); // an overlap lists the offset before the transition first: the first occurrence
  }

  private void checkYear(int year, String text) throws BadValueException {
    if (year < MIN_YEAR || year > MAX_YEAR) {
      String where = type.kind() == ColumnType.Kind.TIMESTAMP ? " in UTC" : "";
      throw new BadValueException(
          "'" + text + "' is out of range for " + type + ": years 0001 to 9999" + where + " only");
    }
  }

  /**
   * {@code yyyy-MM-dd[ T]HH:mm:ss[.f{1,6}]}: by far the most common form, worth a path of its own.
   */
  private static boolean isoLocal(String t) {
    int n = t.length();
    if (n != 19 && (n < 21 || n > 26 || t.charAt(19) != '.')) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = t.charAt(i);
      boolean ok =
          switch (i) {
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

  /**
   * The canonical text of an ISO local timestamp, checked for a real date and time without a
   * formatter.
   */
  private String fastTimestamp(String t) throws BadValueException {
    int year = num(t, 0, 4);
    LocalDateTime.of(
        year, num(t, 5, 7), num(t, 8, 10), num(t, 11, 13), num(t, 14, 16), num(t, 17, 19));
    checkYear(year, t); // four digits: only year 0000 can fall outside
    StringBuilder out =
        new StringBuilder(26).append(t, 0, 10).append(' ').append(t, 11, 19).append('.');
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
}
