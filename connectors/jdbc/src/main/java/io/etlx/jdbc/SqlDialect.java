package io.etlx.jdbc;

import io.etlx.spi.ColumnType;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WarehouseCapabilities;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * What differs between warehouses, as small pieces of SQL: type names, how a column type changes,
 * the target and staging tables' DDL, and the statements that merge a checked staging table into
 * the target for each write mode. Everything else — the order of steps, the checks, the ledger, the
 * transaction — is {@link JdbcWarehouse}'s and the same for all.
 */
public interface SqlDialect {
  /** The warehouse's name for messages, e.g. {@code PostgreSQL}. */
  String name();

  /**
   * What the warehouse can do, declared once: the plug-in hands it to {@code validate}, and the
   * load reads {@code transactionalDdl} from it (Snowflake commits each DDL statement on its own).
   */
  WarehouseCapabilities capabilities();

  /** The column type the warehouse uses for an etlx type. */
  String type(ColumnType type);

  /** The etlx type of an existing column, or null when etlx does not write that type. */
  ColumnType parse(CatalogColumn column);

  /** The statement that changes a column's type in place, or null when the warehouse cannot. */
  String alterType(String table, String column, ColumnType to);

  /**
   * Objects that depend on the table by identity and would break if a rebuild swapped it
   * (PostgreSQL views bind to the table itself, not its name); empty where dependents follow the
   * name (DuckDB).
   */
  default List<String> dependentViews(Connection c, String schema, String table)
      throws SQLException {
    return List.of();
  }

  /**
   * Statements that give a rebuild's shadow table what the table it replaces carries besides data —
   * grants, comments, ownership — run in the swap's transaction before the swap. Empty where the
   * swap keeps them (Snowflake's SWAP WITH) or the warehouse has none (DuckDB).
   */
  default List<String> carryOver(Connection c, String schema, String table, String shadow)
      throws SQLException {
    return List.of();
  }

  /** Whether {@link #alterType} works on a primary key column too (DuckDB refuses it). */
  default boolean canAlterKeyColumnType() {
    return true;
  }

  /**
   * A statement that takes a transaction-scoped lock on a name (bound as its one parameter), so
   * concurrent workers plan and apply a schema's DDL one at a time; null where the warehouse has
   * none (its DDL then relies on IF NOT EXISTS alone).
   */
  default String ddlLock() {
    return null;
  }

  default String createSchema(String schema) {
    return "CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schema);
  }

  default String createTable(TableSpec table) {
    return DefaultSql.createTable(this, table);
  }

  /** Creates (or recreates) the session's staging table with the batch's declared types. */
  default List<String> createStaging(TableSpec table, String staging) {
    return DefaultSql.createTempStaging(this, table, staging);
  }

  /**
   * Renames a table within its schema (a rebuild's swap), with whatever the warehouse names after
   * it.
   */
  default List<String> renameTable(String schema, String from, String to) {
    return List.of("ALTER TABLE " + Sql.table(schema, from) + " RENAME TO " + Sql.quote(to));
  }

  /**
   * Replaces {@code table} by {@code shadow} (a rebuild's swap); runs in one transaction where DDL
   * is transactional.
   */
  default List<String> swap(String schema, String table, String shadow) {
    List<String> statements = new java.util.ArrayList<>();
    statements.add("DROP TABLE IF EXISTS " + Sql.table(schema, table));
    statements.addAll(renameTable(schema, shadow, table));
    return statements;
  }

  default String dropStaging(String staging) {
    return "DROP TABLE IF EXISTS " + staging;
  }

  /**
   * A condition that holds when the text of {@code column} (an SQL expression) contains a match of
   * the regular expression bound as its one parameter, anywhere in the text: a {@code pattern}
   * check anchors its expression itself ({@code ^…$}) to match the whole value.
   */
  String regexMatches(String column);

  /**
   * The row of {@code alias} as the text of a JSON object, each of {@code columns} to its value as
   * text (NULL as null): how a row set aside by a quarantine check is kept in {@code
   * _etlx_rejects}, whatever the columns of its table.
   */
  String rowJson(List<String> columns, String alias);

  /** The statements that move the checked staging table into the target, in order. */
  List<BoundSql> merge(TableSpec table, String staging, LocalDate date);

  /**
   * Readies {@code c} to run {@code sql} for {@code etlx query} so that the database itself refuses
   * every write. The default begins a read-only transaction: autocommit off and JDBC read-only,
   * which PostgreSQL's and Redshift's drivers send as {@code BEGIN READ ONLY}; {@link
   * ReadOnlyQuery} rolls it back. A dialect whose driver sends a text with several statements one
   * by one must refuse such a text ({@link ReadOnlyQuery#requireOneStatement}): a second statement
   * could end the read-only transaction ({@code COMMIT}) and run outside it. A warehouse without
   * read-only transactions throws an {@link io.etlx.error.EtlxException} naming the way out.
   */
  default void beginReadOnly(Connection c, String sql) throws SQLException {
    c.setAutoCommit(false);
    c.setReadOnly(true);
  }

  /**
   * Readies {@code c} to run a SQL model's query (a pipeline whose source is the warehouse): as
   * {@link #beginReadOnly} by default. The model's text is part of the reviewed project, not typed
   * at a prompt, so a warehouse without read-only transactions may run it in a transaction that is
   * rolled back instead.
   */
  default void beginModelRead(Connection c, String sql) throws SQLException {
    beginReadOnly(c, sql);
  }

  /**
   * The statements, run inside the transaction {@link #beginModelRead} began, after which
   * unqualified table names resolve in {@code schema}: undone by its rollback on PostgreSQL and
   * Redshift; where it outlives the transaction (Snowflake's {@code USE SCHEMA}), {@link
   * #currentSchemaQuery} lets the read set the session's schema back. Empty where the connection
   * was opened so ({@link Connections#borrowForReading(String)}).
   */
  default List<String> useSchema(String schema) {
    return List.of("SET search_path TO " + Sql.quote(schema));
  }

  /**
   * A query for the session's current schema, where {@link #useSchema} outlives the read's
   * transaction (the read then sets it back); null where the rollback undoes it.
   */
  default String currentSchemaQuery() {
    return null;
  }

  /** Whether {@code e} is the database refusing a write in {@link #beginReadOnly}'s guard. */
  default boolean refusedAsReadOnly(SQLException e) {
    return "25006".equals(e.getSQLState()); // read_only_sql_transaction
  }
}
