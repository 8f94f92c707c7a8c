package io.etlx.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SWAP WITH swaps grants, so the shadow gets the table's role grants before the swap. */
class SnowflakeGrantsTest {
  @Test
  void roleGrantsAreCopiedOwnershipAndSharesAreNot() {
    List<SnowflakeGrants.Grant> grants =
        List.of(
            new SnowflakeGrants.Grant("OWNERSHIP", "ROLE", "ETL", true),
            new SnowflakeGrants.Grant("SELECT", "ROLE", "ANALYST", false),
            new SnowflakeGrants.Grant("INSERT", "ROLE", "LOADER", true),
            new SnowflakeGrants.Grant("SELECT", "SHARE", "PARTNER", false));

    assertThat(SnowflakeGrants.statements(grants, "RAW", "SALES__etlx_rebuild"))
        .containsExactly(
            "GRANT SELECT ON TABLE \"RAW\".\"SALES__etlx_rebuild\" TO ROLE \"ANALYST\"",
            "GRANT INSERT ON TABLE \"RAW\".\"SALES__etlx_rebuild\" TO ROLE \"LOADER\" WITH"
                + " GRANT OPTION");
  }
}
