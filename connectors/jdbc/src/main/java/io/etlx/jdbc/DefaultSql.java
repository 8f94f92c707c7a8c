package io.etlx.jdbc;

import io.etlx.spi.TableSpec;
import io.etlx.spi.WriteMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The SQL most warehouses share: table DDL, and the write modes other than upsert (delete + insert
 * by partition, plain insert), plus delete + insert by key, used for upsert where there is no
 * {@code ON CONFLICT}.
 */
public final class DefaultSql {
  private DefaultSql() {}

  public static String createTable(SqlDialect dialect, TableSpec table) {
    List<String> parts = new ArrayList<>();
    for (TableSpec.Column column : table.columns()) {
      boolean key = table.primaryKey().contains(column.name());
      parts.add(
          Sql.quote(column.name()) + " " + dialect.type(column.type()) + (key ? " NOT NULL" : ""));
    }
    if (!table.primaryKey().isEmpty() && table.mode() != WriteMode.APPEND) {
      parts.add("PRIMARY KEY (" + Sql.columns(table.primaryKey(), "") + ")");
    }
    return "CREATE TABLE IF NOT EXISTS " + target(table) + " (" + String.join(", ", parts) + ")";
  }

  public static List<String> createTempStaging(
      SqlDialect dialect, TableSpec table, String staging) {
    List<String> columns =
        table.columns().stream()
            .map(c -> Sql.quote(c.name()) + " " + dialect.type(c.type()))
            .toList();
    return List.of(
        dialect.dropStaging(staging),
        "CREATE TEMPORARY TABLE " + staging + " (" + String.join(", ", columns) + ")");
  }

  public static String target(TableSpec table) {
    return Sql.table(table.schema(), table.table());
  }

  public static String columnList(TableSpec table) {
    return Sql.columns(table.columns().stream().map(TableSpec.Column::name).toList(), "");
  }

  public static List<String> nonKeyColumns(TableSpec table) {
    return table.columns().stream()
        .map(TableSpec.Column::name)
        .filter(n -> !table.primaryKey().contains(n))
        .toList();
  }

  /** {@code INSERT INTO target (cols) SELECT cols FROM staging [WHERE …]}. */
  public static String insert(TableSpec table, String staging, String where) {
    String columns = columnList(table);
    return "INSERT INTO "
        + target(table)
        + " ("
        + columns
        + ") SELECT "
        + columns
        + " FROM "
        + staging
        + where;
  }

  /** {@code WHERE marker IS NOT TRUE} for the rows to upsert, or empty. */
  public static String unmarked(TableSpec table) {
    return table.deleteMarker() == null
        ? ""
        : " WHERE " + Sql.quote(table.deleteMarker()) + " IS NOT TRUE";
  }

  /**
   * The statements of a write mode: replace_partition and append are the same on every warehouse;
   * for upsert, keys whose delete marker is true are deleted first, then the dialect's own upsert
   * runs.
   */
  public static List<BoundSql> merge(
      TableSpec table, String staging, LocalDate date, Supplier<List<BoundSql>> upsert) {
    List<BoundSql> other = nonUpsert(table, staging, date);
    if (other != null) {
      return other;
    }
    List<BoundSql> statements = new ArrayList<>(deleteMarked(table, staging));
    statements.addAll(upsert.get());
    return statements;
  }

  /** Deletes the keys whose delete marker is true; empty when the table has no marker. */
  private static List<BoundSql> deleteMarked(TableSpec table, String staging) {
    if (table.deleteMarker() == null) {
      return List.of();
    }
    return List.of(
        BoundSql.delete(
            "DELETE FROM "
                + target(table)
                + " USING "
                + staging
                + " WHERE "
                + Sql.keyJoin(table.primaryKey(), target(table), staging)
                + " AND "
                + staging
                + "."
                + Sql.quote(table.deleteMarker())
                + " IS TRUE",
            List.of()));
  }

  /** replace_partition and append; null for upsert. */
  private static List<BoundSql> nonUpsert(TableSpec table, String staging, LocalDate date) {
    if (table.mode() == WriteMode.APPEND) {
      return List.of(BoundSql.write(insert(table, staging, "")));
    }
    if (table.mode() == WriteMode.REPLACE_PARTITION) {
      return List.of(
          BoundSql.delete(
              "DELETE FROM "
                  + target(table)
                  + " WHERE "
                  + Sql.quote(table.partitionColumn())
                  + " = ?",
              List.of(date)),
          BoundSql.write(insert(table, staging, "")));
    }
    return null;
  }

  /**
   * {@code 'a', CAST(s."a" AS VARCHAR), 'b', …}: the arguments of a JSON object constructor that
   * takes keys and values in turn, every value as text.
   */
  public static String keysAndTexts(List<String> columns, String alias, String textType) {
    return columns.stream()
        .map(c -> Sql.literal(c) + ", CAST(" + alias + "." + Sql.quote(c) + " AS " + textType + ")")
        .collect(Collectors.joining(", "));
  }

  /**
   * Upsert as delete + insert by key (Redshift's classic pattern); marked keys are not reinserted.
   */
  public static List<BoundSql> deleteInsert(TableSpec table, String staging) {
    List<BoundSql> statements = new ArrayList<>();
    statements.add(
        BoundSql.uncounted(
            "DELETE FROM "
                + target(table)
                + " USING "
                + staging
                + " WHERE "
                + Sql.keyJoin(table.primaryKey(), target(table), staging)));
    statements.add(BoundSql.write(insert(table, staging, unmarked(table))));
    return statements;
  }
}
