package io.etlx.jdbc;

import io.etlx.spi.LedgerEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code _etlx_loads} table in the target schema: per table, pipeline and logical date, the
 * load whose data the table holds. Its row is written in the load's own transaction, so it exists
 * if and only if the data committed.
 */
public final class Ledger {
  public static final String TABLE = "_etlx_loads";

  private Ledger() {}

  /**
   * The columns added after the first release, nullable so an older ledger takes them with ADD
   * COLUMN.
   */
  static final Map<String, String> ADDED_COLUMNS = new LinkedHashMap<>();

  static {
    ADDED_COLUMNS.put("load_id", "VARCHAR(64)");
    ADDED_COLUMNS.put("rows_checksum", "VARCHAR(64)");
    ADDED_COLUMNS.put("source_state", "VARCHAR(65535)");
  }

  public static String ddl(String schema) {
    StringBuilder added = new StringBuilder();
    ADDED_COLUMNS.forEach((name, type) -> added.append(", ").append(name).append(' ').append(type));
    return "CREATE TABLE IF NOT EXISTS "
        + Sql.table(schema, TABLE)
        + " (table_name VARCHAR(255) NOT NULL, pipeline VARCHAR(255) NOT NULL, environment"
        + " VARCHAR(255) NOT NULL, logical_date DATE NOT NULL, raw_checksum VARCHAR(64) NOT NULL,"
        + " spec_fingerprint VARCHAR(64) NOT NULL, row_count BIGINT NOT NULL, committed_at"
        + " TIMESTAMP NOT NULL"
        + added
        + ")";
  }

  /**
   * The columns an existing ledger lacks, as ADD COLUMN statements (a ledger made by an older
   * etlx).
   */
  static List<String> upgrade(String schema, Set<String> existing) {
    List<String> statements = new ArrayList<>();
    ADDED_COLUMNS.forEach(
        (name, type) -> {
          if (!existing.contains(name)) {
            statements.add(
                "ALTER TABLE " + Sql.table(schema, TABLE) + " ADD COLUMN " + name + " " + type);
          }
        });
    return statements;
  }

  public static String insertSql(String schema) {
    return "INSERT INTO "
        + Sql.table(schema, TABLE)
        + " (table_name, pipeline, environment, logical_date, raw_checksum, spec_fingerprint,"
        + " row_count, committed_at, load_id, rows_checksum, source_state) VALUES (?, ?, ?, ?, ?,"
        + " ?, ?, ?, ?, ?, ?)";
  }

  /**
   * Replaces the row of the entry's table, pipeline and date: the ledger keeps the load the table
   * holds.
   */
  public static String replaceSql(String schema) {
    return "DELETE FROM "
        + Sql.table(schema, TABLE)
        + " WHERE table_name = ? AND pipeline = ? AND logical_date = ?";
  }

  /** Forgets a table's loads: when the table is created anew, none of them is in it. */
  public static BoundSql forget(String schema, String table) {
    return new BoundSql(
        "DELETE FROM " + Sql.table(schema, TABLE) + " WHERE table_name = ?",
        List.of(table),
        BoundSql.Count.NONE);
  }

  /** Moves a shadow table's loads to the table it replaces (a rebuild's swap). */
  public static List<BoundSql> adopt(String schema, String table, String shadow) {
    return List.of(
        forget(schema, table),
        new BoundSql(
            "UPDATE " + Sql.table(schema, TABLE) + " SET table_name = ? WHERE table_name = ?",
            List.of(table, shadow),
            BoundSql.Count.NONE));
  }

  /**
   * Writes the entry as the one row of its table, pipeline and date (inside the load's
   * transaction).
   */
  public static void insert(Connection c, String schema, String table, LedgerEntry entry)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(replaceSql(schema))) {
      statement.setString(1, table);
      statement.setString(2, entry.pipeline());
      Sql.bind(statement, 3, entry.date());
      statement.executeUpdate();
    }
    try (PreparedStatement statement = c.prepareStatement(insertSql(schema))) {
      statement.setString(1, table);
      statement.setString(2, entry.pipeline());
      statement.setString(3, entry.environment());
      Sql.bind(statement, 4, entry.date());
      statement.setString(5, entry.rawChecksum());
      statement.setString(6, entry.specFingerprint());
      statement.setLong(7, entry.rows());
      Sql.bind(statement, 8, Sql.utc(entry.committedAt()));
      statement.setString(9, entry.loadId());
      statement.setString(10, entry.rowsChecksum());
      statement.setString(11, entry.sourceState());
      statement.executeUpdate();
    }
  }

  private static final String COLUMNS =
      "pipeline, environment, logical_date, load_id, raw_checksum, rows_checksum, spec_fingerprint,"
          + " row_count, committed_at, source_state";

  /**
   * The entry of a pipeline and date in a table (the latest, for ledgers written before one row per
   * date).
   */
  public static Optional<LedgerEntry> latest(
      Connection c, String schema, String table, String pipeline, LocalDate date)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + Sql.table(schema, TABLE)
            + " WHERE table_name = ? AND pipeline = ? AND logical_date = ? ORDER BY committed_at"
            + " DESC LIMIT 1";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      statement.setString(2, pipeline);
      Sql.bind(statement, 3, date);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Every date's entry of a pipeline in a table, by date (the latest per date, for older ledgers).
   */
  public static List<LedgerEntry> all(Connection c, String schema, String table, String pipeline)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + Sql.table(schema, TABLE)
            + " WHERE table_name = ? AND pipeline = ? ORDER BY logical_date, committed_at";
    Map<LocalDate, LedgerEntry> byDate = new LinkedHashMap<>();
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      statement.setString(2, pipeline);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          LedgerEntry entry = read(rs);
          byDate.put(entry.date(), entry);
        }
      }
    }
    return new ArrayList<>(byDate.values());
  }

  private static LedgerEntry read(ResultSet rs) throws SQLException {
    return new LedgerEntry(
        rs.getString(1),
        rs.getString(2),
        rs.getDate(3).toLocalDate(),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getLong(8),
        rs.getTimestamp(9).toLocalDateTime().toInstant(ZoneOffset.UTC),
        rs.getString(10));
  }

  /**
   * Whether {@code entry} is the table's latest load: no other pipeline or date has a load of the
   * table recorded at or after it, so the table's rows of the entry's keys are still as it loaded
   * them (unless changed outside etlx).
   */
  public static boolean nothingAfter(Connection c, String schema, String table, LedgerEntry entry)
      throws SQLException {
    String sql =
        "SELECT COUNT(*) FROM "
            + Sql.table(schema, TABLE)
            + " WHERE table_name = ? AND committed_at >= ? AND NOT (pipeline = ? AND logical_date"
            + " = ?)";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, table);
      Sql.bind(statement, 2, Sql.utc(entry.committedAt()));
      statement.setString(3, entry.pipeline());
      Sql.bind(statement, 4, entry.date());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getLong(1) == 0;
      }
    }
  }

  /** The (pipeline date) loads of {@code table} that {@code other} has no load for; at most 10. */
  public static List<String> notIn(Connection c, String schema, String table, String other)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    if (!Catalog.exists(c, schema, TABLE) || !Catalog.exists(c, schema, table)) {
      return missing;
    }
    String ledger = Sql.table(schema, TABLE);
    String sql =
        "SELECT DISTINCT t.pipeline, t.logical_date FROM "
            + ledger
            + " t WHERE t.table_name = ? AND NOT EXISTS"
            + " (SELECT 1 FROM "
            + ledger
            + " s WHERE s.table_name = ? AND s.pipeline = t.pipeline"
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
}
