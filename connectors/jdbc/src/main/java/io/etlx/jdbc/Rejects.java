package io.etlx.jdbc;

import java.time.LocalDate;
import java.util.List;

/**
 * The {@code _etlx_rejects} table in the target schema: the rows a quarantine check set aside, with
 * the check and the reason, written in the transaction of the load that set them aside. It holds
 * the rejects of the load each table holds for a date: loading the date again replaces them, as the
 * ledger row is replaced. Created only when a table's checks quarantine, and only when missing.
 */
public final class Rejects {
  public static final String TABLE = "_etlx_rejects";

  /** The columns an insert names, in order. */
  static final String COLUMNS =
      "table_name, pipeline, logical_date, load_id, check_name, column_name, reason, row_data,"
          + " rejected_at";

  private Rejects() {}

  public static String ddl(String schema) {
    return "CREATE TABLE IF NOT EXISTS "
        + Sql.table(schema, TABLE)
        + " (table_name VARCHAR(255) NOT NULL, pipeline VARCHAR(255) NOT NULL, logical_date DATE"
        + " NOT NULL, load_id VARCHAR(64) NOT NULL, check_name VARCHAR(255) NOT NULL, column_name"
        + " VARCHAR(255) NOT NULL, reason VARCHAR(65535) NOT NULL, row_data VARCHAR(65535) NOT"
        + " NULL, rejected_at TIMESTAMP NOT NULL)";
  }

  /** Forgets the rejects of an earlier load of the same table, pipeline and date. */
  public static BoundSql replace(String schema, String table, String pipeline, LocalDate date) {
    return new BoundSql(
        "DELETE FROM "
            + Sql.table(schema, TABLE)
            + " WHERE table_name = ? AND pipeline = ? AND logical_date = ?",
        List.of(table, pipeline, date),
        BoundSql.Count.NONE);
  }

  /** Forgets a table's rejects (the table was dropped). */
  public static BoundSql forget(String schema, String table) {
    return new BoundSql(
        "DELETE FROM " + Sql.table(schema, TABLE) + " WHERE table_name = ?",
        List.of(table),
        BoundSql.Count.NONE);
  }

  /** Moves a shadow table's rejects to the table it replaces (a rebuild's swap). */
  public static List<BoundSql> adopt(String schema, String table, String shadow) {
    return List.of(
        forget(schema, table),
        new BoundSql(
            "UPDATE " + Sql.table(schema, TABLE) + " SET table_name = ? WHERE table_name = ?",
            List.of(table, shadow),
            BoundSql.Count.NONE));
  }
}
