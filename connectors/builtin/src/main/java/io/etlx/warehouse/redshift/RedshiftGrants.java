package io.etlx.warehouse.redshift;

import io.etlx.jdbc.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Redshift table's grants, read from its ACL ({@code pg_class.relacl}, e.g. {@code
 * {etl=arwdRxt/etl,analyst=r/etl,"group bi=r/etl"}}), as the GRANT statements that give a rebuilt
 * table the same: Redshift's drop + rename loses them otherwise.
 */
final class RedshiftGrants {
  private static final Map<Character, String> PRIVILEGES = new LinkedHashMap<>();

  static {
    PRIVILEGES.put('r', "SELECT");
    PRIVILEGES.put('a', "INSERT");
    PRIVILEGES.put('w', "UPDATE");
    PRIVILEGES.put('d', "DELETE");
    PRIVILEGES.put('x', "REFERENCES");
  }

  private RedshiftGrants() {}

  /**
   * @param acl the ACL's text; {@code owner} is skipped (it holds every privilege anyway)
   */
  static List<String> statements(String acl, String owner, String schema, String shadow) {
    List<String> statements = new ArrayList<>();
    if (acl == null || acl.length() < 2) {
      return statements;
    }
    for (String item : acl.substring(1, acl.length() - 1).split(",")) {
      String entry = item.replace("\"", "");
      int equals = entry.lastIndexOf('=');
      int slash = entry.indexOf('/', equals);
      if (equals < 0 || slash < 0) {
        continue;
      }
      String grantee = entry.substring(0, equals);
      if (grantee.equals(owner)) {
        continue;
      }
      String to =
          grantee.isEmpty()
              ? "PUBLIC"
              : grantee.startsWith("group ")
                  ? "GROUP " + quote(grantee.substring(6))
                  : quote(grantee);
      List<String> privileges = new ArrayList<>();
      for (char letter : entry.substring(equals + 1, slash).toCharArray()) {
        if (PRIVILEGES.containsKey(letter)) {
          privileges.add(PRIVILEGES.get(letter));
        }
      }
      if (!privileges.isEmpty()) {
        statements.add(
            "GRANT "
                + String.join(", ", privileges)
                + " ON "
                + Sql.table(schema, shadow)
                + " TO "
                + to);
      }
    }
    return statements;
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
