package io.etlx.warehouse.sql;

import io.etlx.spi.LedgerEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code _etlx_loads} table in the target schema. Its row is written in the load's own
 * transaction, so it exists if and only if the data committed.
 */
public final class Ledger {
  public static final String TABLE = "_etlx_loads";

  private Ledger() {}

  public static String ddl(String schema) {
    return "CREATE TABLE IF NOT EXISTS " + Sql.table(schema, TABLE) + " ("
        + "table_name VARCHAR(255) NOT NULL, pipeline VARCHAR(255) NOT NULL, environment VARCHAR(255) NOT NULL,"
        + " logical_date DATE NOT NULL, "
        + "raw_checksum VARCHAR(64) NOT NULL, spec_fingerprint VARCHAR(64) NOT NULL, "
        + "row_count BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL)";
  }

  public static void create(Connection c, String schema) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute(ddl(schema));
    }
  }

  public static String insertSql(String schema) {
    return "INSERT INTO " + Sql.table(schema, TABLE)
        + " (table_name, pipeline, environment, logical_date, raw_checksum, spec_fingerprint, row_count, committed_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /** Forgets a table's loads: when the table is created anew, none of them is in it. */
  public static BoundSql forget(String schema, String table) {
    return new BoundSql("DELETE FROM " + Sql.table(schema, TABLE) + " WHERE table_name = ?", List.of(table), BoundSql.Count.NONE);
  }

  /** Moves a shadow table's loads to the table it replaces (a rebuild's swap). */
  public static List<BoundSql> adopt(String schema, String table, String shadow) {
    return List.of(forget(schema, table), new BoundSql("UPDATE " + Sql.table(schema, TABLE) + " SET table_name = ? WHERE table_name = ?",
        List.of(table, shadow), BoundSql.Count.NONE));
  }

  public static void insert(Connection c, String schema, String table, LedgerEntry entry) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(insertSql(schema))) {
      statement.setString(1, table);
      statement.setString(2, entry.pipeline());
      statement.setString(3, entry.environment());
      Sql.bind(statement, 4, entry.date());
      statement.setString(5, entry.rawChecksum());
      statement.setString(6, entry.specFingerprint());
      statement.setLong(7, entry.rows());
      statement.setTimestamp(8, Timestamp.from(entry.committedAt()));
      statement.executeUpdate();
    }
  }

  /** The latest entry of a pipeline and date in a table; empty when there is none. */
  public static Optional<LedgerEntry> latest(Connection c, String schema, String table, String pipeline, LocalDate date)
      throws SQLException {
    String sql = "SELECT environment, raw_checksum, spec_fingerprint, row_count, committed_at FROM "
        + Sql.table(schema, TABLE) + " WHERE table_name = ? AND pipeline = ? AND logical_date = ?"
        + " ORDER BY committed_at DESC LIMIT 1";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      statement.setString(2, pipeline);
      Sql.bind(statement, 3, date);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new LedgerEntry(
            pipeline, rs.getString(1), date, rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getTimestamp(5).toInstant()));
      }
    }
  }

  /** The (pipeline date) loads of {@code table} that {@code other} has no load for; at most 10. */
  public static List<String> notIn(Connection c, String schema, String table, String other) throws SQLException {
    List<String> missing = new ArrayList<>();
    if (!Catalog.exists(c, schema, TABLE) || !Catalog.exists(c, schema, table)) {
      return missing;
    }
    String ledger = Sql.table(schema, TABLE);
    String sql = "SELECT DISTINCT t.pipeline, t.logical_date FROM " + ledger + " t WHERE t.table_name = ? AND NOT EXISTS"
        + " (SELECT 1 FROM " + ledger + " s WHERE s.table_name = ? AND s.pipeline = t.pipeline"
        + " AND s.logical_date = t.logical_date) ORDER BY 2, 1";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      statement.setString(2, other);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next() && missing.size() < 10) {
          missing.add(rs.getString(1) + " " + rs.getDate(2).toLocalDate());
        }
      }
    }
    return missing;
  }

  /** Whether this exact load (same table, raw data and spec) already committed. */
  public static boolean contains(Connection c, String schema, String table, LedgerEntry entry) throws SQLException {
    String sql = "SELECT count(*) FROM " + Sql.table(schema, TABLE)
        + " WHERE table_name = ? AND pipeline = ? AND logical_date = ? AND raw_checksum = ? AND spec_fingerprint = ?";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      statement.setString(2, entry.pipeline());
      Sql.bind(statement, 3, entry.date());
      statement.setString(4, entry.rawChecksum());
      statement.setString(5, entry.specFingerprint());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
