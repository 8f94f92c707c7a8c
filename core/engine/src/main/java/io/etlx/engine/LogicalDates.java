package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Parses a {@code --date}: an ISO date, or {@code today} / {@code yesterday} in the pipeline's time
 * zone (for cron). The wall clock is read once, here, when the run is asked for; from then on the
 * run and every retry of it carry that fixed logical date.
 */
public final class LogicalDates {
  private LogicalDates() {}

  public static LocalDate parse(String text, ZoneId zone, Clock clock) {
    return switch (text) {
      case "today" -> LocalDate.now(clock.withZone(zone));
      case "yesterday" -> LocalDate.now(clock.withZone(zone)).minusDays(1);
      default -> iso(text);
    };
  }

  private static LocalDate iso(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--date '"
              + text
              + "' is not a date: use YYYY-MM-DD (e.g. 2020-12-01), today or yesterday");
    }
  }
}
