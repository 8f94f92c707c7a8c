package io.etlx.jdbc;

import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQL of the declared data checks, on the staging table: the condition a failing row meets, the
 * query that counts and samples failing rows, and for quarantine the insert into {@code
 * _etlx_rejects} and the delete from staging. Portable SQL; only the regular expression match and
 * the row as JSON text come from the dialect. Values are bound, cast to the column's type.
 */
public final class CheckSql {
  /** How many failing rows a message shows. */
  public static final int SAMPLES = 5;

  private CheckSql() {}

  /** A condition on a staging row, with its bound values. */
  public record Condition(String sql, List<Object> params) {
    public Condition {
      params = List.copyOf(params);
    }
  }

  /** The condition a row of {@code staging} meets when it fails {@code check}. */
  public static Condition failing(
      SqlDialect dialect, TableSpec table, DataCheck.RowCheck check, String staging) {
    String column = Sql.quote(check.column());
    if (check instanceof DataCheck.NotNull) {
      return new Condition(column + " IS NULL", List.of());
    }
    if (check instanceof DataCheck.Unique) {
      return new Condition(
          column
              + " IN (SELECT "
              + column
              + " FROM "
              + staging
              + " GROUP BY "
              + column
              + " HAVING count(*) > 1)",
          List.of());
    }
    String value = bound(dialect, table, check.column());
    if (check instanceof DataCheck.AcceptedValues accepted) {
      List<String> marks = accepted.values().stream().map(v -> value).toList();
      return new Condition(
          column + " IS NOT NULL AND " + column + " NOT IN (" + String.join(", ", marks) + ")",
          new ArrayList<>(accepted.values()));
    }
    if (check instanceof DataCheck.Min min) {
      return new Condition(column + " < " + value, List.of(min.bound()));
    }
    if (check instanceof DataCheck.Max max) {
      return new Condition(column + " > " + value, List.of(max.bound()));
    }
    DataCheck.Matches matches = (DataCheck.Matches) check;
    return new Condition(
        column + " IS NOT NULL AND NOT (" + dialect.regexMatches(column) + ")",
        List.of(matches.regex()));
  }

  /**
   * A placeholder for a value of the column's type: values are bound as their canonical text, and
   * cast where the column is not text, so every warehouse compares them as the column's type.
   */
  private static String bound(SqlDialect dialect, TableSpec table, String name) {
    ColumnType type = table.column(name).type();
    return type.kind() == ColumnType.Kind.STRING ? "?" : "CAST(? AS " + dialect.type(type) + ")";
  }

  /** The columns a sample shows: the primary key, then the checked column. */
  public static List<String> sampleColumns(TableSpec table, DataCheck.RowCheck check) {
    Set<String> columns = new LinkedHashSet<>(table.primaryKey());
    columns.add(check.column());
    return new ArrayList<>(columns);
  }

  /**
   * The first {@link #SAMPLES} failing rows (their sample columns), each with the number of all
   * failing rows as its last column.
   */
  public static BoundSql sample(
      SqlDialect dialect, TableSpec table, DataCheck.RowCheck check, String staging) {
    Condition failing = failing(dialect, table, check, staging);
    String columns = Sql.columns(sampleColumns(table, check), "");
    return new BoundSql(
        "SELECT "
            + columns
            + ", count(*) OVER () FROM "
            + staging
            + " WHERE "
            + failing.sql()
            + " ORDER BY "
            + columns
            + " LIMIT "
            + SAMPLES,
        failing.params(),
        BoundSql.Count.NONE);
  }

  /** Copies the rows failing a quarantine check into the rejects table, with the reason. */
  public static BoundSql reject(
      SqlDialect dialect,
      TableSpec table,
      DataCheck.RowCheck check,
      String staging,
      LedgerEntry load,
      Instant at) {
    Condition failing = failing(dialect, table, check, staging);
    List<String> names = table.columns().stream().map(TableSpec.Column::name).toList();
    List<Object> params = new ArrayList<>();
    params.addAll(
        List.of(
            table.table(),
            load.pipeline(),
            load.date(),
            load.loadId(),
            check.name(),
            check.column(),
            check.reason()));
    params.add(Sql.utc(at));
    params.addAll(failing.params());
    return new BoundSql(
        "INSERT INTO "
            + Sql.table(table.schema(), Rejects.TABLE)
            + " ("
            + Rejects.COLUMNS
            + ") SELECT ?, ?, ?, ?, ?, ?, ?, "
            + dialect.rowJson(names, "s")
            + ", ? FROM "
            + staging
            + " s WHERE "
            + failing.sql(),
        params,
        BoundSql.Count.NONE);
  }

  /**
   * Removes the rows failing any of the quarantine checks from staging, in one statement, so each
   * condition sees the batch as the checks did (a value repeated in the batch stays repeated).
   */
  public static BoundSql discard(
      SqlDialect dialect, TableSpec table, List<DataCheck.RowCheck> checks, String staging) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (DataCheck.RowCheck check : checks) {
      Condition failing = failing(dialect, table, check, staging);
      conditions.add("(" + failing.sql() + ")");
      params.addAll(failing.params());
    }
    return new BoundSql(
        "DELETE FROM " + staging + " WHERE " + String.join(" OR ", conditions),
        params,
        BoundSql.Count.DELETED);
  }

  /**
   * The ledger row of the latest date before the load's for the same table and pipeline: the
   * baseline of {@code row_count_change}.
   */
  public static BoundSql previousLoad(TableSpec table, LedgerEntry load) {
    return new BoundSql(
        "SELECT logical_date, row_count FROM "
            + Sql.table(table.schema(), Ledger.TABLE)
            + " WHERE table_name = ? AND pipeline = ? AND logical_date < ? ORDER BY logical_date"
            + " DESC, committed_at DESC LIMIT 1",
        List.of(table.table(), load.pipeline(), load.date()),
        BoundSql.Count.NONE);
  }
}
