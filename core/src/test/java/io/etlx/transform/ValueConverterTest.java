package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spec.ColumnType;
import org.junit.jupiter.api.Test;

/** Numbers as the transform converts them: the value written, or a bad value; never a nearby one. */
class ValueConverterTest {
  private static final ColumnType DOUBLE = ColumnType.parse("double");

  /** A JSON value (number or string) read the way the transform reads raw records. */
  private static String convert(ColumnType type, String json) throws BadValueException, JsonProcessingException {
    return new ValueConverter(type, null).convert(Transformer.JSON.readTree(json));
  }

  private static String text(ColumnType type, String text) throws BadValueException {
    return new ValueConverter(type, null).convert(TextNode.valueOf(text));
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
    assertThat(convert(DOUBLE, "123456789012345678901234567890")).isEqualTo("1.2345678901234568E29");
  }

  @Test
  void javaLiteralSyntaxIsNotADouble() {
    for (String literal : new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "12f", "12d", "1_000", "1,5", "1e",
        "e5", ".", "+", "--1", "1.5e3.2", "1e+", "0x10", "true"}) {
      assertThatThrownBy(() -> text(DOUBLE, literal))
          .as(literal)
          .isInstanceOf(BadValueException.class)
          .hasMessage("'" + literal + "' is not a valid double");
    }
  }

  @Test
  void aDoubleThatOverflowsOrUnderflowsIsOutOfRange() {
    assertThatThrownBy(() -> text(DOUBLE, "1e400")).hasMessage("'1e400' is out of range for double");
    assertThatThrownBy(() -> text(DOUBLE, "-1e400")).hasMessage("'-1e400' is out of range for double");
    assertThatThrownBy(() -> text(DOUBLE, "1e-400")).hasMessage("'1e-400' is out of range for double");
    assertThatThrownBy(() -> convert(DOUBLE, "1e400")).hasMessage("'1E+400' is out of range for double");
    assertThatThrownBy(() -> convert(DOUBLE, "-1e-400")).hasMessage("'-1E-400' is out of range for double");
    assertThatThrownBy(() -> convert(DOUBLE, "1" + "0".repeat(400))).hasMessageEndingWith("is out of range for double");
  }
}
