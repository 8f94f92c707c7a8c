package io.etlx.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.jdbc.PooledConnections;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.testkit.RowsFiles;
import io.etlx.warehouse.duckdb.DuckDbPlugin;
import io.etlx.warehouse.postgres.PostgresCopyLoader;
import io.etlx.warehouse.postgres.PostgresSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild's swap respects the warehouse around the table: PostgreSQL grants and comments carry
 * over to the rebuilt table, and views that depend on it are named before any work (PostgreSQL
 * binds them to the table itself); DuckDB's views follow the name.
 */
class RebuildSwapTest {
  private static final LocalDate DAY = LocalDate.of(2020, 12, 1);
  private static final TableSpec TABLE =
      new TableSpec(
          "s",
          "t",
          List.of(
              new TableSpec.Column("id", ColumnType.parse("bigint")),
              new TableSpec.Column("v", ColumnType.STRING)),
          List.of("id"),
          WriteMode.UPSERT,
          null,
          null);
  private static final String SHADOW = "t__etlx_rebuild";

  @TempDir Path dir;

  @Test
  void postgresGrantsAndCommentsSurviveTheSwap() throws Exception {
    String role = "analyst_" + UUID.randomUUID().toString().substring(0, 8);
    String url = PostgresTestServer.newDatabase();
    try (Warehouse w = postgres(url)) {
      load(w, TABLE, "old");
      sql(
          url,
          "CREATE ROLE " + role,
          "GRANT SELECT ON s.t TO " + role,
          "COMMENT ON TABLE s.t IS 'sales, one row per id'",
          "COMMENT ON COLUMN s.t.v IS 'the value'");
      load(w, TABLE.named(SHADOW), "new");

      w.checkReplace(TABLE);
      w.replace(TABLE, SHADOW);

      assertThat(value(w, "SELECT v FROM s.t")).isEqualTo("new");
      assertThat(value(w, "SELECT has_table_privilege('" + role + "', 's.t', 'SELECT')"))
          .isEqualTo("t");
      assertThat(value(w, "SELECT obj_description('s.t'::regclass, 'pg_class')"))
          .isEqualTo("sales, one row per id");
      assertThat(value(w, "SELECT col_description('s.t'::regclass, 2)")).isEqualTo("the value");
    }
  }

  @Test
  void postgresViewsOnTheTableAreNamedBeforeAnyWork() throws Exception {
    String url = PostgresTestServer.newDatabase();
    try (Warehouse w = postgres(url)) {
      load(w, TABLE, "old");
      sql(url, "CREATE VIEW s.t_report AS SELECT v FROM s.t");

      EtlxException refused =
          catchThrowableOfType(EtlxException.class, () -> w.checkReplace(TABLE));

      assertThat(refused.code()).isEqualTo(ErrorCode.REBUILD_REFUSED);
      assertThat(refused.code().retryable()).isFalse();
      assertThat(refused.getMessage())
          .contains("has views that depend on it (s.t_report)", "drop the views, rebuild");
    }
  }

  @Test
  void duckDbViewsFollowTheRebuiltTable() throws Exception {
    Path file = dir.resolve("w.duckdb");
    try (Warehouse w = DuckDbPlugin.warehouse(file, null, 0)) {
      load(w, TABLE, "old");
    }
    // DuckDB allows one process per file: the view is created while the warehouse is closed
    sql("jdbc:duckdb:" + file, "CREATE VIEW s.t_report AS SELECT v FROM s.t");
    try (Warehouse w = DuckDbPlugin.warehouse(file, null, 0)) {
      load(w, TABLE.named(SHADOW), "new");

      w.checkReplace(TABLE);
      w.replace(TABLE, SHADOW);

      assertThat(value(w, "SELECT v FROM s.t_report")).isEqualTo("new");
    }
  }

  private Warehouse postgres(String url) {
    PooledConnections pool =
        new PooledConnections(
            "pg", url, url, "postgres", null, 2, Duration.ofSeconds(30), new Properties());
    return new JdbcWarehouse(new PostgresSql(), new PostgresCopyLoader(), pool, "test PostgreSQL");
  }

  private void load(Warehouse w, TableSpec table, String v) {
    Path rows = dir.resolve(UUID.randomUUID() + ".csv.gz");
    RowsFiles.write(rows, List.of("id", "v"), List.<String[]>of(new String[] {"1", v}));
    w.load(
        new LoadRequest(
            table,
            rows,
            new LedgerEntry(
                "p",
                "dev",
                DAY,
                UUID.randomUUID().toString(),
                "raw-" + v,
                "rows-" + v,
                "fp",
                1,
                Instant.now(),
                null)));
  }

  /** Runs statements as an operator would, outside etlx. */
  private static void sql(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static String value(Warehouse w, String sql) {
    return w.query(sql, 1).rows().get(0).get(0);
  }
}
