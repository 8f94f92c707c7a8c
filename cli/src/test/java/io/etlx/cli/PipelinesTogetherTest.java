package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case study's daily report as a SQL model over the shipped project: it waits for both inputs
 * of its logical date, runs after them with {@code --all}, is skipped when an input fails, picks up
 * what is left on a rerun, goes stale when an input reloads its date, and rebuilds from its raw
 * data — on DuckDB, and on PostgreSQL where it also waits for an upstream loaded meanwhile.
 */
class PipelinesTogetherTest {
  private static final Map<String, String> ENV = Map.of("USER", "alice");
  private static final List<String> REPORT =
      List.of(
          "2020-12-01,8,1105.29",
          "2020-12-02,8,1079.19",
          "2020-12-03,8,1033.75",
          "2020-12-04,8,832.34",
          "2020-12-05,8,1113.23");

  @TempDir Path dir;

  private CliRun etlx(String... args) {
    return CliRun.in(dir, ENV, args);
  }

  @Test
  void theRevenueModelOverSeveralDatesWithUpstreamFailuresAndReruns() throws Exception {
    ShippedFiles.copyInto(dir);
    Files.writeString(
        dir.resolve("environments/dev.yaml"),
        "lineage: {file: {path: lineage.ndjson}}\n",
        java.nio.file.StandardOpenOption.APPEND);

    CliRun early = etlx("run", "daily_revenue_usd", "--date", "2020-12-01", "--env", "dev");
    assertThat(early.exitCode()).as(early.out()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(early.err())
        .contains(
            "daily_revenue_usd depends on 'order_items', 'exchange_rates', which have not loaded"
                + " 2020-12-01 in dev: run etlx run order_items --date 2020-12-01 --env dev");
    CliRun dry =
        etlx("run", "daily_revenue_usd", "--date", "2020-12-01", "--env", "dev", "--dry-run");
    assertThat(dry.out())
        .contains(
            "before any stage: would fail (or wait, with --wait-for-upstream): order_items,"
                + " exchange_rates have not loaded 2020-12-01 (depends_on)");
    CliRun waited =
        etlx(
            "run",
            "daily_revenue_usd",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--wait-for-upstream",
            "1s");
    assertThat(waited.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(waited.err()).contains("(waited 1 s)");

    // one input missing for a day: only what depends on it is skipped, for that day only
    Path missing = dir.resolve("pipelines/samples/order_items/2020-12-03.csv");
    Path aside = dir.resolve("2020-12-03.csv");
    Files.move(missing, aside);
    CliRun first =
        etlx(
            "backfill",
            "--all",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-05",
            "--env",
            "dev",
            "--parallel",
            "2");
    assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(first.out())
        .contains(
            "daily_revenue_usd 2020-12-03 (dev)\n"
                + "  skipped: not started: it depends on order_items, which did not load"
                + " 2020-12-03")
        .contains("15 run(s): 13 ok, 1 failed, 1 not started (an upstream failed)");
    assertThat(report())
        .containsExactly(REPORT.get(0), REPORT.get(1), REPORT.get(3), REPORT.get(4));
    for (String date : List.of("2020-12-01", "2020-12-02", "2020-12-04", "2020-12-05")) {
      int model = first.out().indexOf("daily_revenue_usd " + date);
      assertThat(model)
          .as("the model runs after both of its inputs, for " + date)
          .isGreaterThan(first.out().indexOf("order_items " + date + " (dev)\n  extract    ran"))
          .isGreaterThan(
              first.out().indexOf("exchange_rates " + date + " (dev)\n  extract    ran"));
    }

    // the rerun picks up only what is left
    Files.move(aside, missing);
    CliRun rerun =
        etlx("backfill", "--all", "--from", "2020-12-01", "--to", "2020-12-05", "--env", "dev");
    assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
    assertThat(rerun.out())
        .contains("order_items 2020-12-03 (dev)\n  extract    ran")
        .contains("daily_revenue_usd 2020-12-03 (dev)\n  extract    ran")
        .contains("daily_revenue_usd 2020-12-01 (dev)\n  extract    skipped")
        .contains("exchange_rates 2020-12-03 (dev)\n  extract    skipped")
        .contains("15 run(s): 15 ok, 0 failed, 0 not started");
    assertThat(report()).containsExactlyElementsOf(REPORT);
    CliRun json = etlx("run", "--all", "--date", "2020-12-05", "--env", "dev", "--format", "json");
    assertThat(json.exitCode()).isZero();
    var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
    assertThat(document.get("runs_total").asInt()).isEqualTo(3);
    assertThat(document.get("succeeded").asInt()).isEqualTo(3);
    assertThat(document.get("runs").get(2).get("pipeline").asText()).isEqualTo("daily_revenue_usd");

    // an input reloads a day: the model's day is stale, and a plain run reads it again
    Path day2 = dir.resolve("pipelines/samples/order_items/2020-12-02.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(day2));
    String[] item = lines.get(1).split(",");
    lines.add(
        "9999,"
            + item[1]
            + ",Late item,"
            + "100.00,USD,"
            + item[item.length - 1]); // the same day, in USD: revenue grows by exactly 100
    Files.write(day2, lines);
    assertThat(
            etlx("run", "order_items", "--date", "2020-12-02", "--env", "dev", "--re-extract")
                .exitCode())
        .isZero();
    CliRun status = etlx("status", "daily_revenue_usd", "--env", "dev", "--date", "2020-12-02");
    assertThat(status.out())
        .contains("stale: order_items loaded this date again since the extract: reading it again");
    CliRun again = etlx("run", "--all", "--date", "2020-12-02", "--env", "dev");
    assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    assertThat(again.out())
        .contains("daily_revenue_usd 2020-12-02 (dev)\n  extract    ran")
        .contains("order_items 2020-12-02 (dev)\n  extract    skipped");
    assertThat(report()).contains("2020-12-02,9,1179.19");

    // lineage: the model's extract reads the tables of its upstreams
    List<String> modelInputs = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("lineage.ndjson"))) {
      var event = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      if (event.at("/job/name").asText().equals("daily_revenue_usd.extract")) {
        event.get("inputs").forEach(input -> modelInputs.add(input.get("name").asText()));
      }
    }
    assertThat(modelInputs)
        .contains("alice_dev.order_items", "alice_dev.historical_exchange_rates")
        .allMatch(name -> name.startsWith("alice_dev."));

    // the model's query edited: its extract is stale, reads again, and loads only if the rows
    // differ
    Path model = dir.resolve("pipelines/daily_revenue_usd.yaml");
    Files.writeString(
        model, Files.readString(model).replace("    GROUP BY 1\n", "    GROUP BY 1 -- per day\n"));
    assertThat(etlx("status", "daily_revenue_usd", "--env", "dev", "--date", "2020-12-04").out())
        .contains("stale: the model's query changed since the extract: reading again");
    CliRun edited = etlx("run", "daily_revenue_usd", "--date", "2020-12-04", "--env", "dev");
    assertThat(edited.out())
        .contains("extract    ran")
        .contains("load       skipped           1  unchanged rows and spec");

    // the model's table rebuilt from its raw data: the same report
    CliRun rebuild =
        etlx(
            "rebuild",
            "daily_revenue_usd",
            "--env",
            "dev",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-05");
    assertThat(rebuild.exitCode()).as(rebuild.out() + rebuild.err()).isZero();
    assertThat(report()).contains("2020-12-02,9,1179.19").hasSize(5);
  }

  @Test
  void aModelWhoseSchemaIsNotThereYetFailsAloneAndTheOthersStillLoad() throws IOException {
    ShippedFiles.copyInto(dir);
    Path model = dir.resolve("pipelines/daily_revenue_usd.yaml");
    Files.writeString(
        model, Files.readString(model).replace("depends_on: [order_items, exchange_rates]\n", ""));

    // no depends_on: the model runs first (name order), before anything created the schema
    CliRun all = etlx("run", "--all", "--date", "2020-12-01", "--env", "dev", "--parallel", "1");

    assertThat(all.exitCode()).as(all.out() + all.err()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(all.out())
        .contains("3 run(s): 2 ok, 1 failed")
        .contains("schema alice_dev of DuckDB file")
        .contains("does not exist yet");
    assertThat(etlx("run", "daily_revenue_usd", "--date", "2020-12-01", "--env", "dev").exitCode())
        .isZero();
  }

  @Test
  void aCycleIsRefusedBeforeAnythingRuns() throws IOException {
    ShippedFiles.copyInto(dir);
    Path orders = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        orders,
        Files.readString(orders)
            .replace(
                "pipeline: order_items\n",
                "pipeline: order_items\ndepends_on: [daily_revenue_usd]\n"));

    CliRun all = etlx("run", "--all", "--date", "2020-12-01", "--env", "dev");

    assertThat(all.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(all.err())
        .contains("depends_on forms a cycle: daily_revenue_usd → order_items → daily_revenue_usd");
    CliRun validate = etlx("validate");
    assertThat(validate.out()).contains("depends_on forms a cycle");
    assertThat(Files.exists(dir.resolve(".etlx/dev.duckdb"))).isFalse();
  }

  @Test
  void onPostgresAModelWaitsForItsUpstreamsAndReadsTheEnvironmentsSchema() throws Exception {
    try (Backend backend = Backend.postgresAndS3()) {
      ShippedFiles.copyInto(dir);
      Files.writeString(
          dir.resolve("environments/pg.yaml"),
          backend.overlay("pg")
              + "schema: analytics\n"
              + "vars: {fx_api_url: \"file:pipelines/samples/exchange_rates\"}\n");
      Map<String, String> env = new HashMap<>(ENV);
      env.putAll(backend.secrets());

      CompletableFuture<CliRun> model =
          CompletableFuture.supplyAsync(
              () ->
                  CliRun.in(
                      dir,
                      env,
                      "run",
                      "daily_revenue_usd",
                      "--date",
                      "2020-12-01",
                      "--env",
                      "pg",
                      "--wait-for-upstream",
                      "2m"));
      Thread.sleep(1500);
      assertThat(model).isNotDone();
      for (String upstream : List.of("order_items", "exchange_rates")) {
        CliRun run = CliRun.in(dir, env, "run", upstream, "--date", "2020-12-01", "--env", "pg");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      }
      CliRun waited = model.get();
      assertThat(waited.exitCode()).as(waited.out() + waited.err()).isZero();
      assertThat(waited.out()).contains("load       ran               1  1 staged, 1 written");

      try (Connection c = backend.connect(dir);
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "select day, items, orders, revenue_usd, items_without_rate"
                          + " from analytics.daily_revenue_usd")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("2020-12-01");
        assertThat(rs.getLong(2)).isEqualTo(8);
        assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("1105.29");
        assertThat(rs.getLong(5)).isZero();
        assertThat(rs.next()).isFalse();
      }
    }
  }

  /** The model's table, as {@code day,items,revenue_usd} lines by day. */
  private List<String> report() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c =
            java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(".etlx/dev.duckdb"));
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select day, items, revenue_usd from alice_dev.daily_revenue_usd order by"
                        + " day")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "," + rs.getLong(2) + "," + rs.getBigDecimal(3).toPlainString());
      }
    }
    return rows;
  }
}
