package io.etlx.spec;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a logical date must be loaded (YAML {@code sla:}): by {@code deadline}, local time in the
 * pipeline's timezone, {@code daysAfter} days after the date. With the default of one day, {@code
 * deadline: "06:00"} says yesterday's data must be in by 06:00 today.
 */
public record SlaSpec(LocalTime deadline, int daysAfter) {
  /** When {@code date} is due. */
  public ZonedDateTime due(LocalDate date, ZoneId zone) {
    return date.plusDays(daysAfter).atTime(deadline).atZone(zone);
  }

  /** The latest logical date whose deadline has passed at {@code now}. */
  public LocalDate latestDue(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    LocalDate date = local.toLocalDate().minusDays(daysAfter);
    return due(date, zone).toInstant().isAfter(now) ? date.minusDays(1) : date;
  }
}
