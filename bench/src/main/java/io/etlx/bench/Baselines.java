package io.etlx.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The best hand-written loads we know of on this data, run on the same files in the same run:
 * DuckDB's own CSV reader + {@code INSERT … ON CONFLICT}, PostgreSQL {@code COPY} into an UNLOGGED
 * staging table + {@code INSERT … ON CONFLICT} (skipping unchanged rows on the rerun).
 *
 * <p>Run as a process of its own per load ({@code Baselines JDBC_URL CSV}), so that its peak memory
 * is measured the way etlx's is; it prints the load's seconds on stdout, its JVM's start-up
 * excluded (a DuckDB or psql client would start in milliseconds).
 */
public final class Baselines {
  static final String TABLE = "target";
  private static final String COLUMNS =
      "order_item_id BIGINT PRIMARY KEY, order_id BIGINT, item_name VARCHAR,"
          + " amount DECIMAL(12,2), currency_code VARCHAR, ordered_at TIMESTAMP";
  private static final String UPDATE =
      "order_id = excluded.order_id, item_name = excluded.item_name, amount = excluded.amount,"
          + " currency_code = excluded.currency_code, ordered_at = excluded.ordered_at";

  private Baselines() {}

  /** {@code JDBC_URL CSV}: one load of the file into {@link #TABLE} of that DuckDB or database. */
  public static void main(String[] args) throws Exception {
    Target target = new Target(args[0], TABLE);
    Path csv = Path.of(args[1]);
    try (Connection c = target.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + COLUMNS + ")");
      double seconds = target.postgres() ? postgres(c, s, csv) : duckdb(s, csv);
      System.out.println(String.format(Locale.ROOT, "%.6f", seconds));
    }
  }

  private static double duckdb(Statement s, Path csv) throws SQLException {
    long start = System.nanoTime();
    s.execute(
        "CREATE OR REPLACE TEMP TABLE stg AS SELECT * FROM read_csv('"
            + csv
            + "', header = true, columns = {'order_item_id': 'BIGINT', 'order_id': 'BIGINT',"
            + " 'item_name': 'VARCHAR', 'amount': 'DECIMAL(12,2)', 'currency_code': 'VARCHAR',"
            + " 'ordered_at': 'TIMESTAMP'})");
    s.execute(
        "INSERT INTO "
            + TABLE
            + " SELECT * FROM stg ON CONFLICT (order_item_id) DO UPDATE SET "
            + UPDATE);
    return (System.nanoTime() - start) / 1e9;
  }

  private static double postgres(Connection c, Statement s, Path csv) throws Exception {
    long start = System.nanoTime();
    s.execute("DROP TABLE IF EXISTS stg");
    s.execute(
        "CREATE UNLOGGED TABLE stg (order_item_id BIGINT, order_id BIGINT, item_name TEXT, amount"
            + " NUMERIC(12,2), currency_code TEXT, ordered_at TIMESTAMP)");
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn("COPY stg FROM STDIN WITH (FORMAT csv, HEADER true)", in);
    }
    s.execute(
        "INSERT INTO "
            + TABLE
            + " AS t SELECT * FROM stg ON CONFLICT (order_item_id) DO UPDATE SET "
            + UPDATE
            + " WHERE (t.order_id, t.item_name, t.amount, t.currency_code, t.ordered_at) IS"
            + " DISTINCT FROM (excluded.order_id, excluded.item_name, excluded.amount,"
            + " excluded.currency_code, excluded.ordered_at)");
    return (System.nanoTime() - start) / 1e9;
  }
}
