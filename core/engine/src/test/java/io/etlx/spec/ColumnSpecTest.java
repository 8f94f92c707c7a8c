package io.etlx.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.spi.ColumnType;
import java.io.InputStream;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnSpecTest {
  @Test
  void roundingNamesTheModesAsYamlSpellsThem() {
    assertThat(ColumnSpec.rounding("half_up")).isEqualTo(RoundingMode.HALF_UP);
    assertThat(ColumnSpec.rounding("half_even")).isEqualTo(RoundingMode.HALF_EVEN);
    assertThat(ColumnSpec.rounding("HALF_UP")).isNull();
    assertThat(ColumnSpec.rounding("unnecessary")).isNull();
    assertThat(
            new ColumnSpec("a", new ColumnSource.Field("a"), ColumnType.parse("decimal(5,2)"), null)
                .round())
        .isNull();
  }

  @Test
  void theSchemaOffersExactlyTheRoundingModesTheBinderKnows() throws Exception {
    JsonNode schema;
    try (InputStream in =
        ColumnSpecTest.class.getResourceAsStream("/io/etlx/schema/pipeline.schema.json")) {
      schema = new ObjectMapper().readTree(in);
    }
    List<String> offered = new ArrayList<>();
    schema.at("/$defs/column/properties/round/enum").forEach(mode -> offered.add(mode.asText()));
    assertThat(offered).isEqualTo(ColumnSpec.ROUNDING_MODES);
  }
}
