package io.etlx.warehouse.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rebuilt Redshift table gets the grants its predecessor's ACL held (owner aside). */
class RedshiftGrantsTest {
  @Test
  void usersGroupsAndPublicAreGrantedAgain() {
    assertThat(
            RedshiftGrants.statements(
                "{etl=arwdRxt/etl,analyst=r/etl,\"group bi=rw/etl\",=r/etl}",
                "etl",
                "raw",
                "sales__etlx_rebuild"))
        .containsExactly(
            "GRANT SELECT ON \"raw\".\"sales__etlx_rebuild\" TO \"analyst\"",
            "GRANT SELECT, UPDATE ON \"raw\".\"sales__etlx_rebuild\" TO GROUP \"bi\"",
            "GRANT SELECT ON \"raw\".\"sales__etlx_rebuild\" TO PUBLIC");
    assertThat(RedshiftGrants.statements(null, "etl", "raw", "t")).isEmpty();
  }
}
