package io.etlx.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code _etlx_tables} table in the target schema: the schema version each table is at, so the
 * next load (or {@code etlx migrate}) knows which upgrade rules it still has to apply.
 */
public final class TableVersions {
  public static final String TABLE = "_etlx_tables";

  private TableVersions() {}

  public static String ddl(String schema) {
    return "CREATE TABLE IF NOT EXISTS "
        + Sql.table(schema, TABLE)
        + " (table_name VARCHAR(255) NOT NULL, schema_version INTEGER NOT NULL, updated_at"
        + " TIMESTAMP NOT NULL)";
  }

  /**
   * The recorded version, or null when the table has none (created before versions were recorded).
   */
  public static Integer read(Connection c, String schema, String table) throws SQLException {
    if (!Catalog.exists(c, schema, TABLE)) {
      return null;
    }
    String sql = "SELECT schema_version FROM " + Sql.table(schema, TABLE) + " WHERE table_name = ?";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    }
  }

  public static List<BoundSql> record(String schema, String table, int version, Instant at) {
    return List.of(
        new BoundSql(
            "DELETE FROM " + Sql.table(schema, TABLE) + " WHERE table_name = ?",
            List.of(table),
            BoundSql.Count.NONE),
        new BoundSql(
            "INSERT INTO "
                + Sql.table(schema, TABLE)
                + " (table_name, schema_version, updated_at) VALUES (?, ?, ?)",
            List.of(table, version, Sql.utc(at)),
            BoundSql.Count.NONE));
  }
}
