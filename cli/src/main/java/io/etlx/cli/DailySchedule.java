package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an orchestrator starts each day's run ({@code --schedule}): once a day, at a time of day.
 * etlx loads one logical date per run, so a schedule is daily: more often would load a day before
 * it ends (Airflow) or only repeat it, less often would leave days out.
 *
 * @param text as written: {@code @daily}, {@code @midnight} or a cron expression {@code M H * * *}
 * @param at the time of day the run starts, in the schedule's time zone
 */
record DailySchedule(String text, LocalTime at) {
  private static final Pattern CRON = Pattern.compile("(\\d{1,2}) (\\d{1,2}) \\* \\* \\*");

  static DailySchedule parse(String text) {
    String schedule = text.strip().replaceAll("\\s+", " ");
    if (schedule.equals("@daily") || schedule.equals("@midnight")) {
      return new DailySchedule(schedule, LocalTime.MIDNIGHT);
    }
    Matcher cron = CRON.matcher(schedule);
    if (cron.matches()) {
      int minute = Integer.parseInt(cron.group(1));
      int hour = Integer.parseInt(cron.group(2));
      if (minute < 60 && hour < 24) {
        return new DailySchedule(schedule, LocalTime.of(hour, minute));
      }
    }
    throw new EtlxException(
        ErrorCode.USAGE,
        "--schedule '"
            + text
            + "' is not once a day: etlx runs one logical date a day; use @daily (at midnight) or"
            + " 'MINUTE HOUR * * *', e.g. '30 1 * * *'");
  }
}
