package io.etlx.warehouse.snowflake;

import io.etlx.jdbc.Sql;
import java.util.ArrayList;
import java.util.List;

/**
 * A Snowflake table's grants ({@code SHOW GRANTS ON TABLE}) as the statements that give a rebuilt
 * table the same before the swap: {@code SWAP WITH} swaps grants along with the data, so without
 * them the rebuilt table would carry the (empty) grants of the shadow.
 */
final class SnowflakeGrants {
  /** One row of SHOW GRANTS: what, to whom (ROLE or SHARE), to which name, with grant option. */
  record Grant(String privilege, String grantedTo, String grantee, boolean grantOption) {}

  private SnowflakeGrants() {}

  static List<String> statements(List<Grant> grants, String schema, String shadow) {
    List<String> statements = new ArrayList<>();
    for (Grant grant : grants) {
      if (grant.privilege().equals("OWNERSHIP") || !grant.grantedTo().equals("ROLE")) {
        continue; // ownership stays with the role that rebuilds; shares are granted on databases
      }
      statements.add(
          "GRANT "
              + grant.privilege()
              + " ON TABLE "
              + Sql.table(schema, shadow)
              + " TO ROLE "
              + '"'
              + grant.grantee().replace("\"", "\"\"")
              + '"'
              + (grant.grantOption() ? " WITH GRANT OPTION" : ""));
    }
    return statements;
  }
}
