package io.etlx.warehouse.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.engine.PluginSetup;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.testkit.RowsFiles;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that start at the same moment, each with its own connection pool, as separate cron hosts
 * would: first loads into a schema that does not exist yet must all succeed, and none may forget
 * the ledger rows another one just committed (append would then load a date twice).
 */
class PostgresConcurrencyTest {
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);
  private static final int WORKERS = 8;

  @TempDir Path dir;

  @Test
  void concurrentFirstAppendsIntoANewSchemaKeepEveryLedgerRow() throws Exception {
    String url = PostgresTestServer.newDatabase();
    for (int trial = 0; trial < 3; trial++) {
      String schema = "fresh_" + trial;
      TableSpec table = table(schema, "events", WriteMode.APPEND);

      List<Throwable> failures = concurrently(WORKERS, i -> load(url, table, DEC_1.plusDays(i)));

      assertThat(failures).isEmpty();
      assertThat(count(url, schema + ".events")).isEqualTo(WORKERS * 2L);
      assertThat(count(url, schema + "._etlx_loads")).isEqualTo(WORKERS);
      // a rerun of every date is refused or skipped by the ledger: never appended twice
      concurrently(WORKERS, i -> load(url, table, DEC_1.plusDays(i)));
      assertThat(count(url, schema + ".events")).isEqualTo(WORKERS * 2L);
    }
  }

  @Test
  void concurrentFirstLoadsOfDifferentTablesIntoANewSchemaAllSucceed() throws Exception {
    String url = PostgresTestServer.newDatabase();

    List<Throwable> failures =
        concurrently(6, i -> load(url, table("shared", "t" + i, WriteMode.UPSERT), DEC_1));

    assertThat(failures).isEmpty();
    for (int i = 0; i < 6; i++) {
      assertThat(count(url, "shared.t" + i)).isEqualTo(2);
    }
    assertThat(count(url, "shared._etlx_loads")).isEqualTo(6);
  }

  private interface Job {
    void run(int worker) throws Exception;
  }

  private static List<Throwable> concurrently(int workers, Job job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        int worker = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  job.run(worker);
                  return null;
                }));
      }
      start.countDown();
      List<Throwable> failures = new ArrayList<>();
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }

  private void load(String url, TableSpec table, LocalDate date) {
    Path rows =
        dir.resolve(table.schema() + "-" + table.table() + "-" + date + "-" + UUID.randomUUID());
    RowsFiles.write(
        rows,
        List.of("day", "id"),
        List.of(new String[] {date.toString(), "1"}, new String[] {date.toString(), "2"}));
    YamlMap options =
        (YamlMap) YamlReader.parse("url: \"" + url + "\"\nuser: postgres\n", "t.yaml");
    try (Warehouse w =
        new PostgresPlugin()
            .open(
                new PluginSpec("postgres", options).plain(),
                PluginSetup.of(dir, Interpolator.withoutDate(Map.of(), Map.of())))) {
      LedgerEntry entry =
          new LedgerEntry(
              "p",
              "dev",
              date,
              UUID.randomUUID().toString(),
              "raw-" + date,
              "rows-" + date,
              "fp",
              2,
              Instant.now(),
              null);
      w.load(new LoadRequest(table, rows, entry));
    }
  }

  private static TableSpec table(String schema, String name, WriteMode mode) {
    return new TableSpec(
        schema,
        name,
        List.of(
            new TableSpec.Column("day", ColumnType.DATE),
            new TableSpec.Column("id", ColumnType.parse("bigint"))),
        List.of("day", "id"),
        mode,
        null,
        null);
  }

  private static long count(String url, String table) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
