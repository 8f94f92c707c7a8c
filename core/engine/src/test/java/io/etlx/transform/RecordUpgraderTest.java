package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.spec.RawUpgrade;
import io.etlx.spi.ColumnType;
import io.etlx.spi.SchemaHistory;
import io.etlx.spi.UpgradeRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A v1 → v2 → v3 chain of upgrade rules, on raw records and on column histories. */
class RecordUpgraderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // v1 {code, usd, legacy} → v2 {code, rate, base} → v3 {code, rate, base, rate_copy}
  private static final List<UpgradeRule> RULES =
      List.of(
          new UpgradeRule(
              2,
              Map.of(),
              Map.of(),
              Map.of("rate_copy", "rate"),
              Map.of("rate", ColumnType.parse("decimal(20,8)")),
              List.of()),
          new UpgradeRule(
              1,
              Map.of("usd", "rate"),
              Map.of("base", "USD"),
              Map.of(),
              Map.of(),
              List.of("legacy")));

  // the source's records: v1 {code, usd, legacy} → v2 {code, rate, base} (a new API shape)
  private static final List<RawUpgrade> RAW =
      List.of(new RawUpgrade(1, Map.of("usd", "rate"), Map.of("base", "USD"), List.of("legacy")));

  @Test
  void upgradesOldRecordsByTheRawRulesOnly() throws Exception {
    ObjectNode v1 = (ObjectNode) JSON.readTree("{\"code\":\"INR\",\"usd\":73.5,\"legacy\":1}");
    ObjectNode v2 = (ObjectNode) JSON.readTree("{\"code\":\"INR\",\"rate\":73.5,\"base\":\"EUR\"}");

    assertThat(new RecordUpgrader(RAW, 1, 3).upgrade(v1).toString())
        .isEqualTo("{\"code\":\"INR\",\"rate\":73.5,\"base\":\"USD\"}");
    assertThat(new RecordUpgrader(RAW, 2, 3).isIdentity()).isTrue();
    assertThat(new RecordUpgrader(RAW, 2, 3).upgrade(v2).toString()).contains("\"base\":\"EUR\"");
  }

  @Test
  void derivesTheColumnsOfEveryVersion() {
    List<String> v3 = List.of("code", "rate", "base", "rate_copy");

    assertThat(SchemaHistory.columnsAt(v3, RULES, 3, 3))
        .containsExactlyInAnyOrder("code", "rate", "base", "rate_copy");
    assertThat(SchemaHistory.columnsAt(v3, RULES, 3, 2))
        .containsExactlyInAnyOrder("code", "rate", "base");
    assertThat(SchemaHistory.columnsAt(v3, RULES, 3, 1))
        .containsExactlyInAnyOrder("code", "usd", "legacy");
    assertThat(SchemaHistory.between(RULES, 1, 3))
        .extracting(UpgradeRule::from)
        .containsExactly(1, 2);
  }
}
