package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.testkit.PostgresTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental JDBC pipeline through the CLI: each date reads what changed since the last
 * committed load (minus the lookback), and the upsert keeps the table right.
 */
class IncrementalJdbcTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "cdc");

  @Test
  void eachDateReadsOnlyWhatChangedAndTheTableIsRight() throws Exception {
    String url = PostgresTestServer.newDatabase();
    sql(
        url,
        "create table orders (id bigint, status text, updated_at timestamp)",
        "insert into orders values (1, 'new', '2020-12-01 10:00:00'), (2, 'new', '2020-12-01"
            + " 11:00:00')");
    pipeline(url);

    CliRun first = run("2020-12-01");
    sql(url, "update orders set status = 'paid', updated_at = '2020-12-02 09:00:00' where id = 1");
    CliRun second = run("2020-12-02");
    CliRun third = run("2020-12-03");

    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("extract    ran               2");
    // past 11:00 - 30m: order 1 (changed) and order 2 (inside the lookback window)
    assertThat(second.out()).contains("extract    ran               2");
    // past 09:00 - 30m: order 1 again, nothing else
    assertThat(third.out()).contains("extract    ran               1");
    assertThat(
            etlx("query", "--env", "dev", "select id, status from ${schema}.orders_cdc order by id")
                .out())
        .isEqualTo("id,status\n1,paid\n2,new\n");
    assertThat(dir.resolve(".etlx/raw/orders_cdc/2020-12-02/manifest.json"))
        .content()
        .contains("[incremental on updated_at]", "2020-12-02 09:00:00");
    assertThat(etlx("status", "orders_cdc", "--env", "dev", "--date", "2020-12-02").out())
        .contains(
            "read up to {\"cursor\":\"updated_at\",\"kind\":\"TIMESTAMP\",\"max\":\"2020-12-02"
                + " 09:00:00\"}");
  }

  @Test
  void aLoadKilledBeforeItsCommitNeverMovesTheMark() throws Exception {
    String url = PostgresTestServer.newDatabase();
    sql(
        url,
        "create table orders (id bigint, status text, updated_at timestamp)",
        "insert into orders values (1, 'new', '2020-12-01 10:00:00'), (2, 'new', '2020-12-01"
            + " 11:00:00')");
    pipeline(url);
    assertThat(run("2020-12-01").exitCode()).isZero();

    sql(url, "update orders set status = 'paid', updated_at = '2020-12-02 09:00:00' where id = 1");
    int killed =
        crashing("load:before-commit", "run", "orders_cdc", "--date", "2020-12-02", "--env", "dev");
    // the next date does not see 2020-12-02's extract as read: its mark was never committed
    CliRun next = run("2020-12-03");

    assertThat(killed).isNotZero();
    assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
    assertThat(next.out()).contains("extract    ran               2");
    assertThat(
            etlx("query", "--env", "dev", "select id, status from ${schema}.orders_cdc order by id")
                .out())
        .isEqualTo("id,status\n1,paid\n2,new\n");
    CliRun rerun = run("2020-12-02");
    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
    assertThat(rerun.out()).contains("extract    skipped");
  }

  private void pipeline(String url) throws Exception {
    ShippedFiles.copyInto(dir);
    Files.writeString(
        dir.resolve("pipelines/orders_cdc.yaml"),
        """
        pipeline: orders_cdc
        source:
          type: jdbc
          url: "%s"
          user: postgres
          query: select id, status, updated_at from orders
          incremental: {cursor: updated_at, lookback: 30m}
        transform:
          version: 1
          columns:
            id:         {from: id, type: bigint}
            status:     {from: status, type: string}
            updated_at: {from: updated_at, type: timestamp}
        primary_key: [id]
        sink:
          table: orders_cdc
          mode: upsert
        """
            .formatted(url));
  }

  /** The CLI in a process of its own that halts at {@code crashAt}, like kill -9. */
  private int crashing(String crashAt, String... args) throws Exception {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "-C",
                dir.toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("crash-out.txt").toFile())
            .redirectError(dir.resolve("crash-err.txt").toFile());
    builder.environment().putAll(env);
    builder.environment().put("ETLX_CRASH_AT", crashAt);
    Process process = builder.start();
    assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  private CliRun run(String date) {
    return etlx("run", "orders_cdc", "--date", date, "--env", "dev");
  }

  private static void sql(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
