package io.etlx.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.spi.ColumnType;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {
  @Test
  void parsesEveryTypeName() {
    assertThat(ColumnType.parse("decimal(18,6)"))
        .isEqualTo(new ColumnType(ColumnType.Kind.DECIMAL, 18, 6));
    assertThat(ColumnType.parse("DECIMAL( 10 )"))
        .isEqualTo(new ColumnType(ColumnType.Kind.DECIMAL, 10, 0));
    assertThat(ColumnType.parse("decimal").toString()).isEqualTo("decimal(38,9)");
    for (String name : ColumnType.names()) {
      assertThat(ColumnType.parse(name).kind().yamlName()).isEqualTo(name);
    }
  }

  @Test
  void rejectsUnknownAndOutOfRangeTypes() {
    assertThatThrownBy(() -> ColumnType.parse("varchar")).hasMessage("unknown type 'varchar'");
    assertThatThrownBy(() -> ColumnType.parse("decimal(5,6)"))
        .hasMessage("bad type 'decimal(5,6)': decimal(p,s) needs 1 <= p <= 38 and 0 <= s <= p");
  }
}
