package io.etlx.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The best hand-written loads we know of on this data, run on the same files in the same run:
 * DuckDB's own CSV reader + {@code INSERT … ON CONFLICT}, PostgreSQL {@code COPY} into an UNLOGGED
 * staging table + {@code INSERT … ON CONFLICT} (skipping unchanged rows on the rerun).
 */
final class Baselines {
  private static final String COLUMNS =
      "order_item_id BIGINT PRIMARY KEY, order_id BIGINT, item_name VARCHAR,"
          + " amount DECIMAL(12,2), currency_code VARCHAR, ordered_at TIMESTAMP";
  private static final String UPDATE =
      "order_id = excluded.order_id, item_name = excluded.item_name, amount = excluded.amount,"
          + " currency_code = excluded.currency_code, ordered_at = excluded.ordered_at";

  private Baselines() {}

  /** Seconds for {first load into an empty table, rerun with every row conflicting}. */
  static double[] duckdb(Path db, Path first, Path rerun) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE target (" + COLUMNS + ")");
      return new double[] {duckLoad(s, first), duckLoad(s, rerun)};
    }
  }

  private static double duckLoad(Statement s, Path csv) throws SQLException {
    long start = System.nanoTime();
    s.execute(
        "CREATE OR REPLACE TEMP TABLE stg AS SELECT * FROM read_csv('"
            + csv
            + "', header = true, columns = {'order_item_id': 'BIGINT', 'order_id': 'BIGINT',"
            + " 'item_name': 'VARCHAR', 'amount': 'DECIMAL(12,2)', 'currency_code': 'VARCHAR',"
            + " 'ordered_at': 'TIMESTAMP'})");
    s.execute(
        "INSERT INTO target SELECT * FROM stg ON CONFLICT (order_item_id) DO UPDATE SET " + UPDATE);
    return (System.nanoTime() - start) / 1e9;
  }

  static double[] postgres(String url, Path first, Path rerun) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE target (" + COLUMNS + ")");
      return new double[] {pgLoad(c, s, first), pgLoad(c, s, rerun)};
    }
  }

  private static double pgLoad(Connection c, Statement s, Path csv) throws Exception {
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
        "INSERT INTO target AS t SELECT * FROM stg ON CONFLICT (order_item_id) DO UPDATE SET "
            + UPDATE
            + " WHERE (t.order_id, t.item_name, t.amount, t.currency_code, t.ordered_at) IS"
            + " DISTINCT FROM (excluded.order_id, excluded.item_name, excluded.amount,"
            + " excluded.currency_code, excluded.ordered_at)");
    return (System.nanoTime() - start) / 1e9;
  }
}
