package io.etlx.warehouse.duckdb;

import io.etlx.jdbc.BoundSql;
import io.etlx.jdbc.CatalogColumn;
import io.etlx.jdbc.DefaultSql;
import io.etlx.jdbc.Sql;
import io.etlx.jdbc.SqlDialect;
import io.etlx.spi.ColumnType;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WriteMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * DuckDB's SQL: upsert is {@code INSERT … ON CONFLICT} (in DuckDB 2.0 an all-matched {@code MERGE}
 * became 30–70× slower after earlier deletes on the table; ON CONFLICT was not affected).
 */
public final class DuckDbSql implements SqlDialect {
  /**
   * What this warehouse can do: every write mode; transactional DDL, identifier length and case as
   * declared.
   */
  public static final WarehouseCapabilities CAPABILITIES =
      new WarehouseCapabilities(EnumSet.allOf(WriteMode.class), true, 255, false);

  @Override
  public WarehouseCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String name() {
    return "DuckDB";
  }

  /**
   * Nothing to begin: {@code etlx query}'s connection attaches the file {@code READ_ONLY} ({@link
   * DuckDbConnection#borrowForReading}), so DuckDB refuses every write on it, in any statement.
   */
  @Override
  public void beginReadOnly(Connection c, String sql) {}

  /** The read-only connection is opened with the schema as its default ({@code USE}). */
  @Override
  public List<String> useSchema(String schema) {
    return List.of();
  }

  @Override
  public boolean refusedAsReadOnly(SQLException e) {
    return String.valueOf(e.getMessage()).contains("attached in read-only mode");
  }

  @Override
  public String type(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  @Override
  public ColumnType parse(CatalogColumn column) {
    String t = column.dataType().toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL")) {
      return ColumnType.parse(t);
    }
    return switch (t) {
      case "VARCHAR" -> ColumnType.STRING;
      case "INTEGER" -> ColumnType.parse("integer");
      case "BIGINT" -> ColumnType.parse("bigint");
      case "DOUBLE" -> ColumnType.parse("double");
      case "BOOLEAN" -> ColumnType.parse("boolean");
      case "DATE" -> ColumnType.DATE;
      case "TIMESTAMP" -> ColumnType.parse("timestamp");
      default -> null;
    };
  }

  /** DuckDB refuses to change the type of a column a PRIMARY KEY covers. */
  @Override
  public boolean canAlterKeyColumnType() {
    return false;
  }

  @Override
  public String alterType(String table, String column, ColumnType to) {
    return "ALTER TABLE " + table + " ALTER COLUMN " + Sql.quote(column) + " TYPE " + type(to);
  }

  @Override
  public String regexMatches(String column) {
    return "regexp_matches(" + column + ", ?)";
  }

  @Override
  public String rowJson(List<String> columns, String alias) {
    return "CAST(json_object("
        + DefaultSql.keysAndTexts(columns, alias, "VARCHAR")
        + ") AS VARCHAR)";
  }

  @Override
  public List<BoundSql> merge(TableSpec table, String staging, LocalDate date) {
    return DefaultSql.merge(
        table,
        staging,
        date,
        () -> {
          List<String> nonKey = DefaultSql.nonKeyColumns(table);
          String action =
              nonKey.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + Sql.assignFromExcluded(nonKey);
          return List.of(
              BoundSql.write(
                  DefaultSql.insert(table, staging, DefaultSql.unmarked(table))
                      + " ON CONFLICT ("
                      + Sql.columns(table.primaryKey(), "")
                      + ") "
                      + action));
        });
  }
}
