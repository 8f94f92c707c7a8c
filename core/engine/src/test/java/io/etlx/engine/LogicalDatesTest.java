package io.etlx.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogicalDatesTest {
  // 2020-12-03 23:30 UTC is already 2020-12-04 in Tokyo
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2020-12-03T23:30:00Z"), ZoneOffset.UTC);

  @Test
  void relativeDatesFollowThePipelinesTimeZone() {
    assertThat(LogicalDates.parse("yesterday", ZoneOffset.UTC, CLOCK))
        .isEqualTo(LocalDate.of(2020, 12, 2));
    assertThat(LogicalDates.parse("yesterday", ZoneId.of("Asia/Tokyo"), CLOCK))
        .isEqualTo(LocalDate.of(2020, 12, 3));
    assertThat(LogicalDates.parse("today", ZoneId.of("Asia/Tokyo"), CLOCK))
        .isEqualTo(LocalDate.of(2020, 12, 4));
    assertThat(LogicalDates.parse("2020-12-01", ZoneOffset.UTC, CLOCK))
        .isEqualTo(LocalDate.of(2020, 12, 1));
    assertThatThrownBy(() -> LogicalDates.parse("tomorrow", ZoneOffset.UTC, CLOCK))
        .hasMessage(
            "--date 'tomorrow' is not a date: use YYYY-MM-DD (e.g. 2020-12-01), today or"
                + " yesterday");
  }
}
