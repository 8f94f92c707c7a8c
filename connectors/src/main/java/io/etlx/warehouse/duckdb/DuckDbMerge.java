package io.etlx.warehouse.duckdb;

import io.etlx.spec.ColumnSpec;
import io.etlx.spi.LoadResult;
import io.etlx.spi.TableSpec;
import io.etlx.warehouse.sql.BatchChecks;
import io.etlx.warehouse.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/** The set-based statements that move a checked staging table into the target, per write mode. */
final class DuckDbMerge {
  private DuckDbMerge() {}

  static LoadResult merge(Connection c, TableSpec table, String staging, LocalDate date, long staged, String what)
      throws SQLException {
    return switch (table.mode()) {
      case UPSERT -> upsert(c, table, staging, staged);
      case REPLACE_PARTITION -> replacePartition(c, table, staging, date, staged, what);
      case APPEND -> new LoadResult(staged, insert(c, table, staging, ""), 0, false);
    };
  }

  static String upsertSql(TableSpec table, String staging, String where) {
    List<String> nonKey = table.columns().stream().map(ColumnSpec::name)
        .filter(name -> !table.primaryKey().contains(name)).toList();
    String action = nonKey.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + Sql.assignFromExcluded(nonKey);
    return insertSql(table, staging, where) + " ON CONFLICT (" + Sql.columns(table.primaryKey(), "") + ") " + action;
  }

  private static LoadResult upsert(Connection c, TableSpec table, String staging, long staged) throws SQLException {
    long deleted = 0;
    String where = "";
    if (table.deleteMarker() != null) {
      String marker = "s." + Sql.quote(table.deleteMarker());
      deleted = update(c, "DELETE FROM " + target(table) + " t USING " + staging + " s WHERE "
          + Sql.keyJoin(table.primaryKey(), "t", "s") + " AND " + marker + " IS TRUE");
      where = " WHERE " + Sql.quote(table.deleteMarker()) + " IS NOT TRUE";
    }
    long written = update(c, upsertSql(table, staging, where));
    return new LoadResult(staged, written, deleted, false);
  }

  private static LoadResult replacePartition(
      Connection c, TableSpec table, String staging, LocalDate date, long staged, String what) throws SQLException {
    BatchChecks.insidePartition(c, staging, table.partitionColumn(), date, what);
    long deleted;
    try (PreparedStatement delete = c.prepareStatement(
        "DELETE FROM " + target(table) + " WHERE " + Sql.quote(table.partitionColumn()) + " = ?")) {
      delete.setObject(1, date);
      deleted = delete.executeUpdate();
    }
    return new LoadResult(staged, insert(c, table, staging, ""), deleted, false);
  }

  private static long insert(Connection c, TableSpec table, String staging, String where) throws SQLException {
    return update(c, insertSql(table, staging, where));
  }

  private static String insertSql(TableSpec table, String staging, String where) {
    String columns = DuckDbWarehouse.columnList(table);
    return "INSERT INTO " + target(table) + " (" + columns + ") SELECT " + columns + " FROM " + staging + where;
  }

  private static String target(TableSpec table) {
    return Sql.table(table.schema(), table.table());
  }

  private static long update(Connection c, String sql) throws SQLException {
    try (Statement statement = c.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }
}
