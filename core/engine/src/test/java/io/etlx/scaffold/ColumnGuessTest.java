package io.etlx.scaffold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnGuessTest {
  @Test
  void theNarrowestTypeEveryValueFits() {
    assertThat(type("1", "-20", null, "")).isEqualTo("bigint");
    assertThat(type("1", "2.50", "-0.125")).isEqualTo("decimal(18,3)");
    assertThat(type("12345678901234567890")).isEqualTo("decimal(20,0)"); // beyond bigint
    assertThat(type("007", "1.5")).isEqualTo("decimal(18,1)");
    assertThat(type("true", "FALSE")).isEqualTo("boolean");
    assertThat(type("2020-12-01", "2020-02-29")).isEqualTo("date");
    assertThat(type("2020-12-01", "2020-02-30")).isEqualTo("string"); // no such day
    assertThat(type("2020-12-01 10:00", "2020-12-01T10:00:00.123+01:00", "2020-12-01T10:00:00Z"))
        .isEqualTo("timestamp");
    assertThat(type("1", "x")).isEqualTo("string");
    assertThat(type((String) null)).isEqualTo("string");
    assertThat(type("1e5")).isEqualTo("string");
  }

  @Test
  void columnNamesAreIdentifiersAndUnique() {
    assertThat(
            PipelineScaffold.columnNames(List.of("Order ID", "order-id", "2nd", "date", "Ünïcode")))
        .containsValues("order_id", "order_id_2", "c_2nd", "date_2", "unicode");
  }

  private static String type(String... values) {
    return ColumnGuess.type(Arrays.asList(values));
  }
}
