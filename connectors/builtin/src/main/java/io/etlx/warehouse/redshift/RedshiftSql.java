package io.etlx.warehouse.redshift;

import com.amazon.redshift.core.Parser;
import io.etlx.jdbc.BoundSql;
import io.etlx.jdbc.CatalogColumn;
import io.etlx.jdbc.DefaultSql;
import io.etlx.jdbc.PostgresFamilyTypes;
import io.etlx.jdbc.ReadOnlyQuery;
import io.etlx.jdbc.Sql;
import io.etlx.jdbc.SqlDialect;
import io.etlx.spi.ColumnType;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Amazon Redshift's SQL. Upsert is delete + insert by key (the classic pattern, default) or {@code
 * MERGE}; both are also valid PostgreSQL, which is how they are tested here. Redshift cannot change
 * a column's type in place (only a VARCHAR's length), so widening is refused with a clear message.
 */
public final class RedshiftSql implements SqlDialect {
  /**
   * What this warehouse can do: every write mode; transactional DDL, identifier length and case as
   * declared.
   */
  public static final WarehouseCapabilities CAPABILITIES =
      new WarehouseCapabilities(EnumSet.allOf(WriteMode.class), true, 127, true);

  @Override
  public WarehouseCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** How upsert is written. */
  public enum Strategy {
    DELETE_INSERT,
    MERGE
  }

  private final Strategy strategy;

  public RedshiftSql(Strategy strategy) {
    this.strategy = strategy;
  }

  @Override
  public String name() {
    return "Redshift";
  }

  /**
   * The default read-only transaction ({@code BEGIN READ ONLY}, sent by Redshift's driver), for one
   * statement only: the driver sends a text with several one by one, and a {@code COMMIT} among
   * them would end the read-only transaction.
   */
  @Override
  public void beginReadOnly(Connection c, String sql) throws SQLException {
    ReadOnlyQuery.requireOneStatement(
        Parser.parseJdbcSql(sql, true, false, true, false, true).size());
    SqlDialect.super.beginReadOnly(c, sql);
  }

  @Override
  public String type(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR(65535)";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DOUBLE -> "DOUBLE PRECISION";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }

  @Override
  public ColumnType parse(CatalogColumn column) {
    return PostgresFamilyTypes.parse(column);
  }

  @Override
  public String alterType(String table, String column, ColumnType to) {
    return null;
  }

  /** Drop + rename loses grants on Redshift: the shadow gets the table's grants first. */
  @Override
  public List<String> carryOver(Connection c, String schema, String table, String shadow)
      throws SQLException {
    String sql =
        "SELECT c.relacl, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON"
            + " n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next()
            ? RedshiftGrants.statements(rs.getString(1), rs.getString(2), schema, shadow)
            : List.of();
      }
    }
  }

  @Override
  public String regexMatches(String column) {
    return column + " ~ ?";
  }

  /** Values as text: Redshift's OBJECT takes no date or time values. */
  @Override
  public String rowJson(List<String> columns, String alias) {
    return "JSON_SERIALIZE(OBJECT(" + DefaultSql.keysAndTexts(columns, alias, "VARCHAR") + "))";
  }

  @Override
  public List<BoundSql> merge(TableSpec table, String staging, LocalDate date) {
    return DefaultSql.merge(table, staging, date, () -> upsert(table, staging));
  }

  private List<BoundSql> upsert(TableSpec table, String staging) {
    if (strategy == Strategy.DELETE_INSERT || DefaultSql.nonKeyColumns(table).isEmpty()) {
      // MERGE needs a WHEN MATCHED clause, which a table of only key columns cannot have
      return DefaultSql.deleteInsert(table, staging);
    }
    List<BoundSql> statements = new ArrayList<>();
    if (table.deleteMarker() != null) {
      // MERGE's source must be a table: drop the marked rows from staging once they are deleted.
      statements.add(
          BoundSql.uncounted(
              "DELETE FROM " + staging + " WHERE " + Sql.quote(table.deleteMarker()) + " IS TRUE"));
    }
    statements.add(BoundSql.write(mergeInto(table, staging)));
    return statements;
  }

  private static String mergeInto(TableSpec table, String staging) {
    List<String> nonKey = DefaultSql.nonKeyColumns(table);
    String target = DefaultSql.target(table);
    String update =
        nonKey.isEmpty()
            ? ""
            : " WHEN MATCHED THEN UPDATE SET "
                + nonKey.stream()
                    .map(c -> Sql.quote(c) + " = " + staging + "." + Sql.quote(c))
                    .collect(Collectors.joining(", "));
    String insert =
        " WHEN NOT MATCHED THEN INSERT ("
            + DefaultSql.columnList(table)
            + ") VALUES ("
            + Sql.columns(table.columns().stream().map(c -> c.name()).toList(), staging)
            + ")";
    return "MERGE INTO "
        + target
        + " USING "
        + staging
        + " ON "
        + Sql.keyJoin(table.primaryKey(), target, staging)
        + update
        + insert;
  }
}
