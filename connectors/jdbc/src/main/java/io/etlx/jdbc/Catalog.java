package io.etlx.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a table's columns from {@code information_schema}, which every supported warehouse has. */
public final class Catalog {
  private Catalog() {}

  /** Lower-cased name → column, in table order; empty when the table does not exist. */
  public static Map<String, CatalogColumn> columns(Connection c, String schema, String table)
      throws SQLException {
    String sql =
        "SELECT column_name, data_type, numeric_precision, numeric_scale FROM"
            + " information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY"
            + " ordinal_position";
    Map<String, CatalogColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          columns.put(
              name.toLowerCase(Locale.ROOT),
              new CatalogColumn(
                  name,
                  rs.getString(2),
                  (Integer) rs.getObject(3, Integer.class),
                  (Integer) rs.getObject(4, Integer.class)));
        }
      }
    }
    return columns;
  }

  public static boolean exists(Connection c, String schema, String table) throws SQLException {
    return !columns(c, schema, table).isEmpty();
  }

  public static boolean schemaExists(Connection c, String schema) throws SQLException {
    try (PreparedStatement statement =
        c.prepareStatement(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
      statement.setString(1, schema);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  /**
   * What a load's plan depends on: whether etlx's schema and its own tables exist (and which ledger
   * columns), the target table's columns and its recorded schema version.
   *
   * @param columns lower-cased name → column; empty when the table does not exist
   * @param recordedVersion the version in {@code _etlx_tables}, or null when none is recorded
   * @param rejectsExist whether the schema has the {@code _etlx_rejects} table
   */
  public record Snapshot(
      boolean schemaExists,
      Set<String> ledgerColumns,
      boolean versionsExist,
      Map<String, CatalogColumn> columns,
      Integer recordedVersion,
      boolean rejectsExist) {
    public Snapshot {
      ledgerColumns = Set.copyOf(ledgerColumns);
      columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Nothing exists yet: a first load into a new schema. */
    public static Snapshot empty() {
      return new Snapshot(false, Set.of(), false, Map.of(), null, false);
    }

    /**
     * etlx's own objects exist and are current; the table has {@code columns} at {@code version}.
     */
    public static Snapshot of(Map<String, CatalogColumn> columns, Integer version) {
      return new Snapshot(true, Ledger.ADDED_COLUMNS.keySet(), true, columns, version, true);
    }
  }

  public static Snapshot snapshot(Connection c, String schema, String table) throws SQLException {
    if (!schemaExists(c, schema)) {
      return Snapshot.empty();
    }
    return new Snapshot(
        true,
        columns(c, schema, Ledger.TABLE).keySet(),
        exists(c, schema, TableVersions.TABLE),
        columns(c, schema, table),
        TableVersions.read(c, schema, table),
        exists(c, schema, Rejects.TABLE));
  }
}
