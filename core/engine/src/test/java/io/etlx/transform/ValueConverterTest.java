package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spi.ColumnType;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Numbers as the transform converts them: the value written, or a bad value; never a nearby one.
 */
class ValueConverterTest {
  private static final ColumnType DOUBLE = ColumnType.parse("double");
  private static final ColumnType MONEY = ColumnType.parse("decimal(10,2)");
  private static final String TOO_PRECISE =
      " has more than 2 decimal places for decimal(10,2): fix the source data,"
          + " or let the column round with 'round: half_up' (or half_even)";

  /** A JSON value (number or string) read the way the transform reads raw records. */
  private static String convert(ColumnType type, String json)
      throws BadValueException, JsonProcessingException {
    return new ValueConverter(type, null, null).convert(Transformer.JSON.readTree(json));
  }

  private static String text(ColumnType type, String text) throws BadValueException {
    return rounded(type, null, text);
  }

  private static String rounded(ColumnType type, RoundingMode round, String text)
      throws BadValueException {
    return new ValueConverter(type, null, round).convert(TextNode.valueOf(text));
  }

  @Test
  void doublesTakePlainDecimalNotation() throws Exception {
    assertThat(text(DOUBLE, "1.5")).isEqualTo("1.5");
    assertThat(text(DOUBLE, "-2.25")).isEqualTo("-2.25");
    assertThat(text(DOUBLE, "+3")).isEqualTo("3.0");
    assertThat(text(DOUBLE, "1.5e3")).isEqualTo("1500.0");
    assertThat(text(DOUBLE, "-1.5E-3")).isEqualTo("-0.0015");
    assertThat(text(DOUBLE, "2e+2")).isEqualTo("200.0");
    assertThat(text(DOUBLE, ".5")).isEqualTo("0.5");
    assertThat(text(DOUBLE, "5.")).isEqualTo("5.0");
    assertThat(text(DOUBLE, " 7 ")).isEqualTo("7.0");
    assertThat(text(DOUBLE, "0")).isEqualTo("0.0");
    assertThat(text(DOUBLE, "-0.0")).isEqualTo("-0.0");
    assertThat(text(DOUBLE, "0e999")).isEqualTo("0.0");
    assertThat(text(DOUBLE, "1.7976931348623157e308")).isEqualTo("1.7976931348623157E308");
    assertThat(text(DOUBLE, "4.9e-324")).isEqualTo("4.9E-324");
    assertThat(convert(DOUBLE, "1.5e3")).isEqualTo("1500.0");
    assertThat(convert(DOUBLE, "-12")).isEqualTo("-12.0");
    assertThat(convert(DOUBLE, "123456789012345678901234567890"))
        .isEqualTo("1.2345678901234568E29");
  }

  @Test
  void javaLiteralSyntaxIsNotADouble() {
    for (String literal :
        new String[] {
          "NaN",
          "Infinity",
          "-Infinity",
          "0x1p3",
          "12f",
          "12d",
          "1_000",
          "1,5",
          "1e",
          "e5",
          ".",
          "+",
          "--1",
          "1.5e3.2",
          "1e+",
          "0x10",
          "true"
        }) {
      assertThatThrownBy(() -> text(DOUBLE, literal))
          .as(literal)
          .isInstanceOf(BadValueException.class)
          .hasMessage("'" + literal + "' is not a valid double");
    }
  }

  @Test
  void aDoubleThatOverflowsOrUnderflowsIsOutOfRange() {
    assertThatThrownBy(() -> text(DOUBLE, "1e400"))
        .hasMessage("'1e400' is out of range for double");
    assertThatThrownBy(() -> text(DOUBLE, "-1e400"))
        .hasMessage("'-1e400' is out of range for double");
    assertThatThrownBy(() -> text(DOUBLE, "1e-400"))
        .hasMessage("'1e-400' is out of range for double");
    assertThatThrownBy(() -> convert(DOUBLE, "1e400"))
        .hasMessage("'1E+400' is out of range for double");
    assertThatThrownBy(() -> convert(DOUBLE, "-1e-400"))
        .hasMessage("'-1E-400' is out of range for double");
    assertThatThrownBy(() -> convert(DOUBLE, "1" + "0".repeat(400)))
        .hasMessageEndingWith("is out of range for double");
  }

  @Test
  void decimalsWithinTheScaleAreExactTrailingZerosIncluded() throws Exception {
    assertThat(text(MONEY, "1.5")).isEqualTo("1.50");
    assertThat(text(MONEY, "1.500")).isEqualTo("1.50");
    assertThat(text(MONEY, "1.50000000000000000000")).isEqualTo("1.50");
    assertThat(convert(MONEY, "1.500")).isEqualTo("1.50");
    assertThat(text(MONEY, "-3.25")).isEqualTo("-3.25");
    assertThat(text(MONEY, "1e3")).isEqualTo("1000.00");
    assertThat(text(MONEY, "1.5e-1")).isEqualTo("0.15");
    assertThat(text(MONEY, "12345678.99")).isEqualTo("12345678.99");
    assertThat(convert(MONEY, "0.000")).isEqualTo("0.00");
    assertThat(text(MONEY, "0E-99999999")).isEqualTo("0.00");
    assertThat(text(ColumnType.parse("decimal(5,0)"), "42.000")).isEqualTo("42");
  }

  @Test
  void moreFractionDigitsThanTheScaleIsABadValueByDefault() {
    for (String value : new String[] {"1.005", "1.0050", "-0.001", "0.009", "1e-3"}) {
      assertThatThrownBy(() -> text(MONEY, value))
          .as(value)
          .isInstanceOf(BadValueException.class)
          .hasMessage("'" + value + "'" + TOO_PRECISE);
    }
    assertThatThrownBy(() -> convert(MONEY, "1.005")).hasMessage("'1.005'" + TOO_PRECISE);
    assertThatThrownBy(() -> text(ColumnType.parse("decimal(5,0)"), "2.5"))
        .hasMessageStartingWith("'2.5' has more than 0 decimal places for decimal(5,0)");
  }

  @Test
  void aColumnThatOptsInRoundsWithItsMode() throws BadValueException {
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "1.005")).isEqualTo("1.01");
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "-1.005")).isEqualTo("-1.01");
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "1.0049")).isEqualTo("1.00");
    assertThat(rounded(MONEY, RoundingMode.HALF_EVEN, "1.005")).isEqualTo("1.00");
    assertThat(rounded(MONEY, RoundingMode.HALF_EVEN, "1.015")).isEqualTo("1.02");
    assertThat(rounded(MONEY, RoundingMode.HALF_EVEN, "1.0051")).isEqualTo("1.01");
    assertThat(rounded(ColumnType.parse("decimal(5,0)"), RoundingMode.HALF_EVEN, "2.5"))
        .isEqualTo("2");
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "1.5")).isEqualTo("1.50");
  }

  @Test
  void integerOverflowStaysABadValueRoundingOrNot() {
    assertThatThrownBy(() -> text(MONEY, "123456789.1"))
        .hasMessage("'123456789.1' has too many digits for decimal(10,2)");
    assertThatThrownBy(() -> rounded(MONEY, RoundingMode.HALF_UP, "99999999.995"))
        .hasMessage("'99999999.995' has too many digits for decimal(10,2)");
    assertThatThrownBy(() -> text(MONEY, "99999999.995"))
        .hasMessage("'99999999.995'" + TOO_PRECISE);
  }

  @Test
  @Timeout(10)
  void tinyValuesWithHugeNegativeExponentsAreDecidedWithoutExpandingThem()
      throws BadValueException {
    assertThatThrownBy(() -> text(MONEY, "1e-99999999")).hasMessage("'1e-99999999'" + TOO_PRECISE);
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "1e-99999999")).isEqualTo("0.00");
    assertThat(rounded(MONEY, RoundingMode.HALF_EVEN, "-4e-99999999")).isEqualTo("0.00");
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "0.0049")).isEqualTo("0.00");
    assertThat(rounded(MONEY, RoundingMode.HALF_UP, "0.005")).isEqualTo("0.01");
  }
}
