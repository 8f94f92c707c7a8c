package io.etlx.warehouse.duckdb;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.ColumnType;
import io.etlx.spec.WriteMode;
import io.etlx.spi.TableSpec;
import io.etlx.warehouse.sql.Ledger;
import io.etlx.warehouse.sql.Sql;
import io.etlx.warehouse.sql.TypeWidening;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DDL before a load (it runs outside the load transaction): schema, table and ledger if missing, new
 * columns added, columns widened when the spec's type holds more (see {@link TypeWidening}); a change
 * that would lose data is refused.
 */
final class DuckDbTable {
  private DuckDbTable() {}

  /** The statements that make the warehouse ready for {@code table}; empty when nothing is to do. */
  static List<String> plan(Connection c, TableSpec table) throws SQLException {
    List<String> ddl = new ArrayList<>();
    ddl.add("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(table.schema()));
    ddl.add(Ledger.ddl(table.schema()));
    Map<String, String> existing = columns(c, table.schema(), table.table());
    if (existing.isEmpty()) {
      ddl.add(create(table));
      return ddl;
    }
    String target = Sql.table(table.schema(), table.table());
    for (ColumnSpec column : table.columns()) {
      String actual = existing.get(column.name().toLowerCase(Locale.ROOT));
      if (actual == null) {
        ddl.add("ALTER TABLE " + target + " ADD COLUMN " + Sql.quote(column.name()) + " " + DuckDbTypes.of(column.type()));
        continue;
      }
      ColumnType current = DuckDbTypes.parse(actual);
      ColumnType widest = current == null ? null : TypeWidening.widest(current, column.type());
      if (widest == null || (!widest.equals(current) && table.primaryKey().contains(column.name()))) {
        throw new EtlxException(
            ErrorCode.INCOMPATIBLE_TABLE,
            table.schema() + "." + table.table() + "." + column.name() + " is " + actual + " in the warehouse but "
                + column.type() + " in the spec, and changing it would lose data; declare a compatible type,"
                + " or add a transform.version with a cast upgrade and rebuild the table");
      }
      if (!widest.equals(current)) {
        ddl.add("ALTER TABLE " + target + " ALTER COLUMN " + Sql.quote(column.name()) + " TYPE " + DuckDbTypes.of(widest));
      }
    }
    return ddl;
  }

  static void apply(Connection c, List<String> ddl) throws SQLException {
    try (Statement statement = c.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
  }

  static boolean exists(Connection c, String schema, String table) throws SQLException {
    return !columns(c, schema, table).isEmpty();
  }

  private static String create(TableSpec table) {
    List<String> parts = new ArrayList<>();
    for (ColumnSpec column : table.columns()) {
      boolean key = table.primaryKey().contains(column.name());
      parts.add(Sql.quote(column.name()) + " " + DuckDbTypes.of(column.type()) + (key ? " NOT NULL" : ""));
    }
    if (!table.primaryKey().isEmpty() && table.mode() != WriteMode.APPEND) {
      parts.add("PRIMARY KEY (" + Sql.columns(table.primaryKey(), "") + ")");
    }
    return "CREATE TABLE IF NOT EXISTS " + Sql.table(table.schema(), table.table()) + " (" + String.join(", ", parts) + ")";
  }

  /** Lower-cased column name → DuckDB type, in table order; empty when the table does not exist. */
  private static Map<String, String> columns(Connection c, String schema, String table) throws SQLException {
    String sql = "SELECT column_name, data_type FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    return columns;
  }
}
