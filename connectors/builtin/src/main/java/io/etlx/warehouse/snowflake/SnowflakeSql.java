package io.etlx.warehouse.snowflake;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Snowflake's SQL: upsert is {@code MERGE} updating only rows that differ. DDL — including the
 * temporary staging table and stage — runs before the load's transaction, because Snowflake commits
 * DDL on its own.
 */
public final class SnowflakeSql implements SqlDialect {
  /**
   * What this warehouse can do: every write mode; transactional DDL, identifier length and case as
   * declared.
   */
  public static final WarehouseCapabilities CAPABILITIES =
      new WarehouseCapabilities(EnumSet.allOf(WriteMode.class), false, 255, false);

  @Override
  public WarehouseCapabilities capabilities() {
    return CAPABILITIES;
  }

  static final String STAGE = "_etlx_stage";

  @Override
  public String name() {
    return "Snowflake";
  }

  /**
   * Snowflake has no read-only transactions, so {@code etlx query} cannot have the warehouse refuse
   * a write: it refuses to run there rather than run unguarded.
   */
  @Override
  public void beginReadOnly(Connection c, String sql) {
    throw new EtlxException(
        ErrorCode.INVALID_VALUE,
        "query runs only where the warehouse itself refuses writes, and Snowflake has no"
            + " read-only transactions: query Snowflake with a role granted only SELECT (Snowsight,"
            + " SnowSQL)");
  }

  /**
   * Snowflake has no read-only transactions: a model's query (reviewed text, one statement per call
   * in Snowflake's driver) runs in a transaction that is rolled back.
   */
  @Override
  public void beginModelRead(Connection c, String sql) throws SQLException {
    c.setAutoCommit(false);
  }

  @Override
  public List<String> useSchema(String schema) {
    return List.of("USE SCHEMA " + Sql.quote(schema));
  }

  /** {@code USE SCHEMA} is the session's, not the transaction's: the read sets it back. */
  @Override
  public String currentSchemaQuery() {
    return "SELECT CURRENT_SCHEMA()";
  }

  @Override
  public String type(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR";
      case INTEGER -> "NUMBER(10,0)";
      case BIGINT -> "NUMBER(19,0)";
      case DECIMAL -> "NUMBER(" + type.precision() + "," + type.scale() + ")";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP_NTZ";
    };
  }

  @Override
  public ColumnType parse(CatalogColumn column) {
    return switch (column.dataType().toUpperCase(Locale.ROOT)) {
      case "TEXT", "VARCHAR" -> ColumnType.STRING;
      case "NUMBER" -> new ColumnType(ColumnType.Kind.DECIMAL, column.precision(), column.scale());
      case "FLOAT", "DOUBLE" -> ColumnType.parse("double");
      case "BOOLEAN" -> ColumnType.parse("boolean");
      case "DATE" -> ColumnType.DATE;
      case "TIMESTAMP_NTZ" -> ColumnType.parse("timestamp");
      default -> null;
    };
  }

  /** Snowflake can only widen a NUMBER's precision at the same scale in place. */
  @Override
  public String alterType(String table, String column, ColumnType to) {
    return null;
  }

  /**
   * Snowflake commits DDL on its own, so a drop + rename would leave a moment without a table: SWAP
   * instead.
   */
  @Override
  public List<String> swap(String schema, String table, String shadow) {
    String target = Sql.table(schema, table);
    String other = Sql.table(schema, shadow);
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + target + " LIKE " + other,
        "ALTER TABLE " + target + " SWAP WITH " + other,
        "DROP TABLE " + other);
  }

  /** SWAP WITH swaps grants too: the shadow gets the table's grants first. */
  @Override
  public List<String> carryOver(Connection c, String schema, String table, String shadow)
      throws SQLException {
    List<SnowflakeGrants.Grant> grants = new ArrayList<>();
    try (Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery("SHOW GRANTS ON TABLE " + Sql.table(schema, table))) {
      while (rs.next()) {
        grants.add(
            new SnowflakeGrants.Grant(
                rs.getString("privilege"),
                rs.getString("granted_to"),
                rs.getString("grantee_name"),
                "true".equalsIgnoreCase(rs.getString("grant_option"))));
      }
    }
    return SnowflakeGrants.statements(grants, schema, shadow);
  }

  @Override
  public List<String> createStaging(TableSpec table, String staging) {
    List<String> statements = new ArrayList<>(DefaultSql.createTempStaging(this, table, staging));
    statements.add("CREATE TEMPORARY STAGE IF NOT EXISTS " + STAGE);
    return statements;
  }

  /**
   * {@code REGEXP_INSTR(…) > 0}, not {@code REGEXP_LIKE}: REGEXP_LIKE anchors the pattern at both
   * ends, which would make a pattern match the whole value here and any part of it elsewhere.
   */
  @Override
  public String regexMatches(String column) {
    return "REGEXP_INSTR(" + column + ", ?) > 0";
  }

  /** KEEP_NULL: OBJECT_CONSTRUCT drops keys whose value is NULL. */
  @Override
  public String rowJson(List<String> columns, String alias) {
    return "TO_JSON(OBJECT_CONSTRUCT_KEEP_NULL("
        + DefaultSql.keysAndTexts(columns, alias, "VARCHAR")
        + "))";
  }

  @Override
  public List<BoundSql> merge(TableSpec table, String staging, LocalDate date) {
    return DefaultSql.merge(
        table, staging, date, () -> List.of(BoundSql.write(mergeInto(table, staging))));
  }

  private static String mergeInto(TableSpec table, String staging) {
    List<String> nonKey = DefaultSql.nonKeyColumns(table);
    String on =
        table.primaryKey().stream()
            .map(k -> "t." + Sql.quote(k) + " = s." + Sql.quote(k))
            .collect(Collectors.joining(" AND "));
    String changed =
        nonKey.stream()
            .map(c -> "t." + Sql.quote(c) + " IS DISTINCT FROM s." + Sql.quote(c))
            .collect(Collectors.joining(" OR "));
    String update =
        nonKey.isEmpty()
            ? ""
            : " WHEN MATCHED AND ("
                + changed
                + ") THEN UPDATE SET "
                + nonKey.stream()
                    .map(c -> "t." + Sql.quote(c) + " = s." + Sql.quote(c))
                    .collect(Collectors.joining(", "));
    List<String> names = table.columns().stream().map(TableSpec.Column::name).toList();
    return "MERGE INTO "
        + DefaultSql.target(table)
        + " t USING (SELECT * FROM "
        + staging
        + DefaultSql.unmarked(table)
        + ") s ON "
        + on
        + update
        + " WHEN NOT MATCHED THEN INSERT ("
        + Sql.columns(names, "")
        + ") VALUES ("
        + Sql.columns(names, "s")
        + ")";
  }
}
