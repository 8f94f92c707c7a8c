package io.etlx.warehouse.postgres;

import java.util.EnumSet;
import io.etlx.spec.WriteMode;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spec.ColumnType;
import io.etlx.spi.TableSpec;
import io.etlx.warehouse.sql.BoundSql;
import io.etlx.warehouse.sql.CatalogColumn;
import io.etlx.warehouse.sql.DefaultSql;
import io.etlx.warehouse.sql.Sql;
import io.etlx.warehouse.sql.SqlDialect;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's SQL. Upsert is {@code INSERT … ON CONFLICT DO UPDATE … WHERE} the row differs: it scales
 * linearly where {@code MERGE} spills at default {@code work_mem}, and skipping unchanged rows halves
 * the cost of a rerun (FACTS.md).
 */
public final class PostgresSql implements SqlDialect {
  /** What this warehouse can do: every write mode; transactional DDL, identifier length and case as declared. */
  public static final WarehouseCapabilities CAPABILITIES =
      new WarehouseCapabilities(EnumSet.allOf(WriteMode.class), true, 63, false);

  @Override
  public WarehouseCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public String type(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "TEXT";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case DECIMAL -> "NUMERIC(" + type.precision() + "," + type.scale() + ")";
      case DOUBLE -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  @Override
  public ColumnType parse(CatalogColumn column) {
    return parseCatalogType(column);
  }

  /** The etlx type of a column as PostgreSQL's information_schema (and Redshift's, its descendant) reports it. */
  public static ColumnType parseCatalogType(CatalogColumn column) {
    return switch (column.dataType().toLowerCase(Locale.ROOT)) {
      case "text", "character varying" -> ColumnType.STRING;
      case "integer", "smallint" -> ColumnType.parse("integer");
      case "bigint" -> ColumnType.parse("bigint");
      case "numeric" -> column.precision() == null ? ColumnType.parse("decimal")
          : new ColumnType(ColumnType.Kind.DECIMAL, column.precision(), column.scale());
      case "double precision", "real" -> ColumnType.parse("double");
      case "boolean" -> ColumnType.parse("boolean");
      case "date" -> ColumnType.DATE;
      case "timestamp without time zone" -> ColumnType.parse("timestamp");
      default -> null;
    };
  }

  @Override
  public String alterType(String table, String column, ColumnType to) {
    String c = Sql.quote(column);
    return "ALTER TABLE " + table + " ALTER COLUMN " + c + " TYPE " + type(to) + " USING " + c + "::" + type(to);
  }

  /** The primary key's index is named after the table; renamed too, or the next rebuild's shadow clashes. */
  @Override
  public List<String> renameTable(String schema, String from, String to) {
    return List.of("ALTER TABLE " + Sql.table(schema, from) + " RENAME TO " + Sql.quote(to),
        "ALTER INDEX IF EXISTS " + Sql.table(schema, from + "_pkey") + " RENAME TO " + Sql.quote(to + "_pkey"));
  }

  @Override
  public List<BoundSql> merge(TableSpec table, String staging, LocalDate date) {
    return DefaultSql.merge(table, staging, date, () -> List.of(BoundSql.write(upsert(table, staging))));
  }

  static String upsert(TableSpec table, String staging) {
    String columns = DefaultSql.columnList(table);
    List<String> nonKey = DefaultSql.nonKeyColumns(table);
    String insert = "INSERT INTO " + DefaultSql.target(table) + " AS t (" + columns + ") SELECT " + columns + " FROM "
        + staging + DefaultSql.unmarked(table) + " ON CONFLICT (" + Sql.columns(table.primaryKey(), "") + ") ";
    if (nonKey.isEmpty()) {
      return insert + "DO NOTHING";
    }
    return insert + "DO UPDATE SET " + Sql.assignFromExcluded(nonKey)
        + " WHERE (" + Sql.columns(nonKey, "t") + ") IS DISTINCT FROM (" + Sql.columns(nonKey, "excluded") + ")";
  }
}
