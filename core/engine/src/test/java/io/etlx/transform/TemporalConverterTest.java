package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spi.ColumnType;
import org.junit.jupiter.api.Test;

/**
 * Dates and timestamps as the transform converts them: to UTC, real local times only, years
 * 0001-9999.
 */
class TemporalConverterTest {
  private static final String ZONED = "yyyy-MM-dd HH:mm:ss VV";

  private static String timestamp(String text) throws BadValueException {
    return timestamp(null, text);
  }

  private static String timestamp(String format, String text) throws BadValueException {
    return new ValueConverter(ColumnType.parse("timestamp"), format, null)
        .convert(TextNode.valueOf(text));
  }

  private static String date(String format, String text) throws BadValueException {
    return new ValueConverter(ColumnType.DATE, format, null).convert(TextNode.valueOf(text));
  }

  @Test
  void isoLocalTimestampsTakeTheFastPathUnchanged() throws BadValueException {
    assertThat(timestamp("2020-12-01T10:00:00.5")).isEqualTo("2020-12-01 10:00:00.500000");
    assertThat(timestamp("2020-12-01 01:02:03.123456")).isEqualTo("2020-12-01 01:02:03.123456");
    assertThat(timestamp("0001-01-01 00:00:00")).isEqualTo("0001-01-01 00:00:00.000000");
    assertThat(timestamp("9999-12-31T23:59:59.999999")).isEqualTo("9999-12-31 23:59:59.999999");
  }

  @Test
  void isoTimestampsWithAnOffsetOrZAreConvertedToUtc() throws BadValueException {
    assertThat(timestamp("2020-12-01T10:00:00+01:00")).isEqualTo("2020-12-01 09:00:00.000000");
    assertThat(timestamp("2020-12-01T10:00:00Z")).isEqualTo("2020-12-01 10:00:00.000000");
    assertThat(timestamp("2020-12-01 10:00:00.25Z")).isEqualTo("2020-12-01 10:00:00.250000");
    assertThat(timestamp("2020-12-31T22:00:00.123456-05:30"))
        .isEqualTo("2021-01-01 03:30:00.123456");
    assertThat(timestamp("2020-12-01T10:00")).isEqualTo("2020-12-01 10:00:00.000000");
    assertThat(timestamp("0001-01-01T01:00:00+01:00")).isEqualTo("0001-01-01 00:00:00.000000");
    assertThat(timestamp("2020-12-01T01:02:03.123456789Z"))
        .as("microseconds kept, as documented")
        .isEqualTo("2020-12-01 01:02:03.123456");
  }

  @Test
  void aZoneIdInAFormatIsConvertedToUtcWithTheZonesRules() throws BadValueException {
    assertThat(timestamp(ZONED, "2020-07-01 12:00:00 Europe/Paris"))
        .isEqualTo("2020-07-01 10:00:00.000000");
    assertThat(timestamp(ZONED, "2020-12-01 12:00:00 Europe/Paris"))
        .isEqualTo("2020-12-01 11:00:00.000000");
    assertThat(timestamp(ZONED, "2020-12-01 12:00:00 America/New_York"))
        .isEqualTo("2020-12-01 17:00:00.000000");
    assertThat(timestamp(ZONED, "2020-12-01 12:00:00 UTC")).isEqualTo("2020-12-01 12:00:00.000000");
    assertThat(timestamp(ZONED, "2020-12-01 12:00:00 +01:00"))
        .isEqualTo("2020-12-01 11:00:00.000000");
  }

  @Test
  void aLocalTimeTheClocksSkipIsABadValue() {
    assertThatThrownBy(() -> timestamp(ZONED, "2021-03-14 02:30:00 America/New_York"))
        .isInstanceOf(BadValueException.class)
        .hasMessage(
            "'2021-03-14 02:30:00 America/New_York' is not a valid timestamp: that local time does"
                + " not exist in America/New_York (the clocks jump from 2021-03-14T02:00 to"
                + " 2021-03-14T03:00)");
    assertThatThrownBy(() -> timestamp(ZONED, "2021-03-28 02:00:00 Europe/Paris"))
        .hasMessageContaining("does not exist in Europe/Paris");
  }

  @Test
  void aLocalTimeTheClocksPassTwiceIsItsFirstOccurrenceUnlessAnOffsetSaysOtherwise()
      throws BadValueException {
    // 2021-11-07 in New York: 01:00-01:59 happens at -04:00 (EDT), then again at -05:00 (EST)
    assertThat(timestamp(ZONED, "2021-11-07 01:30:00 America/New_York"))
        .isEqualTo("2021-11-07 05:30:00.000000");
    String withOffset = "yyyy-MM-dd HH:mm:ss XXX VV";
    assertThat(timestamp(withOffset, "2021-11-07 01:30:00 -04:00 America/New_York"))
        .isEqualTo("2021-11-07 05:30:00.000000");
    assertThat(timestamp(withOffset, "2021-11-07 01:30:00 -05:00 America/New_York"))
        .isEqualTo("2021-11-07 06:30:00.000000");
    assertThat(timestamp("2021-11-07T01:30:00-05:00[America/New_York]"))
        .isEqualTo("2021-11-07 06:30:00.000000");
    assertThatThrownBy(() -> timestamp(withOffset, "2021-11-07 01:30:00 +05:00 America/New_York"))
        .hasMessage(
            "'2021-11-07 01:30:00 +05:00 America/New_York' is not a valid timestamp in format '"
                + withOffset
                + "'");
  }

  @Test
  void yearsOutsideWhatWarehousesStoreAreBadValues() {
    assertThatThrownBy(() -> timestamp("0000-06-01T00:00:00Z"))
        .isInstanceOf(BadValueException.class)
        .hasMessage(
            "'0000-06-01T00:00:00Z' is out of range for timestamp: years 0001 to 9999 in UTC only");
    assertThatThrownBy(() -> timestamp("0000-06-01 00:00:00"))
        .hasMessage(
            "'0000-06-01 00:00:00' is out of range for timestamp: years 0001 to 9999 in UTC only");
    assertThatThrownBy(() -> timestamp("-0001-06-01T00:00:00+01:00"))
        .hasMessage(
            "'-0001-06-01T00:00:00+01:00' is out of range for timestamp: years 0001 to 9999 in UTC"
                + " only");
    assertThatThrownBy(() -> timestamp("+10000-01-01T00:00:00Z"))
        .hasMessage(
            "'+10000-01-01T00:00:00Z' is out of range for timestamp: years 0001 to 9999 in UTC"
                + " only");
    assertThatThrownBy(() -> timestamp("+10000-01-01T00:00:00"))
        .hasMessage(
            "'+10000-01-01T00:00:00' is out of range for timestamp: years 0001 to 9999 in UTC"
                + " only");
  }

  @Test
  void theYearRangeAppliesAfterConversionToUtc() {
    assertThatThrownBy(() -> timestamp("9999-12-31T23:00:00-05:00"))
        .hasMessage(
            "'9999-12-31T23:00:00-05:00' is out of range for timestamp: years 0001 to 9999 in UTC"
                + " only");
    assertThatThrownBy(() -> timestamp("0001-01-01T00:30:00+01:00"))
        .hasMessageContaining("is out of range for timestamp");
    assertThatThrownBy(() -> timestamp(ZONED, "0001-01-01 05:00:00 Asia/Tokyo"))
        .hasMessageContaining("is out of range for timestamp");
  }

  @Test
  void datesHaveTheSameYearRange() throws BadValueException {
    assertThat(date(null, "0001-01-01")).isEqualTo("0001-01-01");
    assertThat(date(null, "9999-12-31")).isEqualTo("9999-12-31");
    assertThatThrownBy(() -> date(null, "0000-06-01"))
        .isInstanceOf(BadValueException.class)
        .hasMessage("'0000-06-01' is out of range for date: years 0001 to 9999 only");
    assertThatThrownBy(() -> date(null, "0000-06-01T00:00:00Z"))
        .hasMessageContaining("is out of range for date");
    assertThatThrownBy(() -> date("uuuu-MM-dd", "0000-06-01"))
        .isInstanceOf(BadValueException.class);
    assertThatThrownBy(() -> date("uuuuu-MM-dd", "10000-01-01"))
        .hasMessage("'10000-01-01' is out of range for date: years 0001 to 9999 only");
    assertThatThrownBy(() -> date(null, "+10000-01-01")).isInstanceOf(BadValueException.class);
  }

  @Test
  void aFormatRejectsDatesAndTimesItWouldOtherwiseAdjust() throws BadValueException {
    assertThatThrownBy(() -> date("dd/MM/yyyy", "30/02/2020"))
        .hasMessage("'30/02/2020' is not a valid date in format 'dd/MM/yyyy'");
    assertThatThrownBy(() -> timestamp("yyyy-MM-dd HH:mm:ss", "2020-12-01 24:00:00"))
        .hasMessage(
            "'2020-12-01 24:00:00' is not a valid timestamp in format 'yyyy-MM-dd HH:mm:ss'");
    assertThat(date("dd/MM/yyyy", "29/02/2020")).isEqualTo("2020-02-29");
    assertThat(date("dd/MM/yy", "01/12/20")).isEqualTo("2020-12-01");
    assertThat(date("uuuu-MM-dd", "2020-12-01")).isEqualTo("2020-12-01");
    assertThat(timestamp("dd.MM.yyyy hh:mm a", "01.12.2020 02:30 PM"))
        .isEqualTo("2020-12-01 14:30:00.000000");
  }
}
