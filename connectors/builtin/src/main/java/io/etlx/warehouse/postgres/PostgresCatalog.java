package io.etlx.warehouse.postgres;

import io.etlx.jdbc.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostgreSQL keeps about a table besides its data, read from its catalog: the views that
 * depend on it, and the grants, comments and owner a rebuilt table must carry over.
 */
final class PostgresCatalog {
  private PostgresCatalog() {}

  static List<String> dependentViews(Connection c, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT DISTINCT vn.nspname || '.' || v.relname FROM pg_depend d JOIN pg_rewrite r ON r.oid"
            + " = d.objid JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid ="
            + " v.relnamespace JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid"
            + " = t.relnamespace WHERE tn.nspname = ? AND t.relname = ? AND v.oid <> t.oid ORDER BY"
            + " 1";
    return strings(c, sql, schema, table);
  }

  static List<String> carryOver(Connection c, String schema, String table, String shadow)
      throws SQLException {
    String target = Sql.table(schema, shadow);
    List<String> statements = new ArrayList<>();
    String grants =
        "SELECT coalesce(g.rolname, 'PUBLIC'), a.privilege_type, a.is_grantable"
            + " FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace,"
            + " aclexplode(t.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee"
            + " WHERE n.nspname = ? AND t.relname = ? AND a.grantee <> t.relowner ORDER BY 1, 2";
    try (PreparedStatement statement = c.prepareStatement(grants)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String grantee = rs.getString(1).equals("PUBLIC") ? "PUBLIC" : role(rs.getString(1));
          statements.add(
              "GRANT "
                  + rs.getString(2)
                  + " ON "
                  + target
                  + " TO "
                  + grantee
                  + (rs.getBoolean(3) ? " WITH GRANT OPTION" : ""));
        }
      }
    }
    String tableComment =
        "SELECT obj_description(t.oid, 'pg_class') FROM pg_class t JOIN pg_namespace n ON n.oid ="
            + " t.relnamespace WHERE n.nspname = ? AND t.relname = ?";
    for (String comment : strings(c, tableComment, schema, table)) {
      if (comment != null) {
        statements.add("COMMENT ON TABLE " + target + " IS " + Sql.literal(comment));
      }
    }
    String columnComments =
        "SELECT a.attname, col_description(t.oid, a.attnum) FROM pg_class t JOIN pg_namespace n ON"
            + " n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid WHERE n.nspname ="
            + " ? AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped AND"
            + " col_description(t.oid, a.attnum) IS NOT NULL AND EXISTS (SELECT 1 FROM pg_attribute"
            + " s JOIN pg_class sc ON sc.oid = s.attrelid WHERE sc.relnamespace = n.oid AND"
            + " sc.relname = ? AND s.attname = a.attname) ORDER BY a.attnum";
    try (PreparedStatement statement = c.prepareStatement(columnComments)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      statement.setString(3, shadow);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          statements.add(
              "COMMENT ON COLUMN "
                  + target
                  + "."
                  + Sql.quote(rs.getString(1))
                  + " IS "
                  + Sql.literal(rs.getString(2)));
        }
      }
    }
    String owner =
        "SELECT pg_get_userbyid(t.relowner) FROM pg_class t JOIN pg_namespace n ON"
            + " n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ?"
            + " AND pg_get_userbyid(t.relowner) <> current_user"
            + " AND pg_has_role(current_user, t.relowner, 'MEMBER')";
    for (String role : strings(c, owner, schema, table)) {
      statements.add("ALTER TABLE " + target + " OWNER TO " + role(role));
    }
    return statements;
  }

  /** A role name quoted as an identifier (role names are not limited to plain identifiers). */
  private static String role(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static List<String> strings(Connection c, String sql, String... params)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
