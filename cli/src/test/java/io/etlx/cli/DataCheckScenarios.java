package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared data checks end to end (README: "Data contracts and checks"): the shipped exchange_rates
 * pipeline with checks added, run through the CLI against the rates server on loopback and each
 * backend. The server's rates are 10.x (EUR), 20.x (GBP), 30.x (INR), 40.x (JPY) and 1 (USD), so
 * {@code max: 25} fails INR and JPY.
 */
abstract class DataCheckScenarios {
  private static final String TABLE = "alice_dev.historical_exchange_rates";
  private static final String LEDGER = "alice_dev._etlx_loads";
  private static final String REJECTS = "alice_dev._etlx_rejects";
  private static final String RATE = "exchange_rate:      {from: value, type: \"decimal(18,6)\"}";

  @TempDir Path dir;
  FxServer server;
  Backend backend;
  TestProject project;
  private String shipped;

  abstract Backend backend();

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    backend = backend();
    project = new TestProject(dir, server.url(), true, backend);
    shipped = project.pipeline();
  }

  @AfterEach
  void stop() {
    server.close();
    backend.close();
  }

  /** The shipped pipeline with {@code checks} on its exchange_rate column. */
  private void rateChecks(String checks) throws Exception {
    String rate = RATE.replace("}", ", checks: " + checks + "}");
    assertThat(shipped).contains(RATE);
    project.writePipeline(shipped.replace(RATE, rate));
  }

  /** The shipped pipeline with checks of the whole batch. */
  private void batchChecks(String checks) throws Exception {
    project.writePipeline(shipped.replace("primary_key:", "checks: " + checks + "\nprimary_key:"));
  }

  private CliRun run(String date, String... more) {
    List<String> args =
        new ArrayList<>(List.of("run", "exchange_rates", "--date", date, "--env", "dev"));
    args.addAll(List.of(more));
    return project.etlx(args.toArray(String[]::new));
  }

  private CliRun ok(String date, String... more) {
    CliRun run = run(date, more);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return run;
  }

  @Test
  void aFailingCheckRollsTheDateBackAndSaysWhichRowsFailed() throws Exception {
    ok("2020-12-01");
    List<String> table = project.rows(TABLE);
    List<String> ledger = project.rows(LEDGER);
    rateChecks("{max: 25, min: 0}");

    CliRun forced = run("2020-12-01", "--force");
    CliRun next = run("2020-12-02");

    assertThat(forced.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(forced.err())
        .contains(
            "1 data check(s) of pipeline exchange_rates failed, so nothing of 2020-12-01 was"
                + " loaded: exchange_rate is above 25.000000 (max): 2 row(s), e.g."
                + " (date=2020-12-01, currency_code=INR, exchange_rate=30.011234),"
                + " (date=2020-12-01, currency_code=JPY, exchange_rate=40.011234)",
            "fix the source data (a rerun with --re-extract fetches it again) or the check");
    assertThat(next.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(next.out()).containsPattern("load +failed +0 +CHECK_FAILED");
    assertThat(next.err()).contains("nothing of 2020-12-02");
    assertThat(project.rows(TABLE)).isEqualTo(table);
    assertThat(project.rows(LEDGER)).isEqualTo(ledger);
    assertThat(server.webhookBodies.get(server.webhookBodies.size() - 1))
        .contains("\"outcome\":\"failure\"", "exchange_rate is above 25.000000 (max): 2 row(s)");
  }

  @Test
  void aWarningLoadsTheDateAndIsReportedEverywhere() throws Exception {
    rateChecks("{max: {value: 25, severity: warn}}");
    project.writePipeline(
        project
            .pipeline()
            .replace(
                "url: \"${env.hook}\"}",
                "url: \"${env.hook}\"}\n  - {type: webhook, on: [warning], url: \""
                    + server.url()
                    + "/second-hook\"}"));

    CliRun run = ok("2020-12-01");
    CliRun status = project.etlx("status", "exchange_rates", "--env", "dev");
    CliRun json = project.etlx("status", "exchange_rates", "--env", "dev", "--format", "json");

    assertThat(project.rows(TABLE)).hasSize(5);
    assertThat(run.out())
        .containsPattern("load +ran +5  5 staged, 5 written; checks: 0 passed, 1 warned")
        .contains(
            "warn: exchange_rate is above 25.000000 (max): 2 row(s), e.g. (date=2020-12-01,"
                + " currency_code=INR, exchange_rate=30.011234)")
        .contains("sent to [log, webhook, webhook] with 1 warning(s)");
    assertThat(status.out()).contains("warn max on exchange_rate (2 row(s))");
    assertThat(json.out())
        .contains(
            "\"check\" : \"max\"",
            "\"column\" : \"exchange_rate\"",
            "\"severity\" : \"warn\"",
            "\"failing_rows\" : 2",
            "(date=2020-12-01, currency_code=JPY, exchange_rate=40.011234)");
    assertThat(server.webhookBodies.get(server.webhookBodies.size() - 1))
        .contains(
            "\"outcome\":\"success\"",
            "succeeded with 1 warning(s)",
            "\"warnings\":[{\"check\":\"max\",\"column\":\"exchange_rate\",\"severity\":\"warn\","
                + "\"failing_rows\":2");
    assertThat(server.secondWebhookBodies).singleElement().asString().contains("\"warnings\"");

    // a success without warnings never reaches a notifier that is only on warning
    project.writePipeline(
        project.pipeline().replace(", checks: {max: {value: 25, severity: warn}}", ""));
    ok("2020-12-02");
    assertThat(server.secondWebhookBodies).hasSize(1);
  }

  @Test
  void quarantineLoadsTheGoodRowsAndKeepsTheBadOnesWithTheReason() throws Exception {
    rateChecks("{max: {value: 25, severity: quarantine}}");

    CliRun run = ok("2020-12-01");
    CliRun again = ok("2020-12-01", "--force");

    assertThat(run.out())
        .contains("5 staged, 3 written, 2 set aside in _etlx_rejects")
        .contains("quarantine: exchange_rate is above 25.000000 (max): 2 row(s)");
    assertThat(again.out()).contains("2 set aside in _etlx_rejects");
    assertThat(project.rows(TABLE))
        .extracting(row -> row.split("\\|")[1])
        .containsExactly("EUR", "GBP", "USD");
    // PostgreSQL's json_object writes " : " between key and value
    List<String> rejects =
        project.rows(REJECTS).stream().map(row -> row.replace("\" : \"", "\":\"")).toList();
    assertThat(rejects).hasSize(2);
    assertThat(rejects.get(0))
        .startsWith("historical_exchange_rates|exchange_rates|2020-12-01|")
        .contains("|max|exchange_rate|exchange_rate is above 25.000000|")
        .contains("\"currency_code\":\"INR\"", "\"exchange_rate\":\"30.011234\"");
    assertThat(rejects.get(1)).contains("\"currency_code\":\"JPY\"");
  }

  @Test
  void minRowsFailsASmallBatch() throws Exception {
    batchChecks("{min_rows: 6}");

    CliRun run = run("2020-12-01");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.err()).contains("min_rows: the batch has 5 row(s), fewer than 6");
    assertThat(project.rows(TABLE)).isEmpty();
    assertThat(project.rows(LEDGER)).isEmpty();
  }

  @Test
  void rowCountChangeComparesWithThePreviousDatesLoad() throws Exception {
    batchChecks("{row_count_change: {max_percent: 30}}");

    CliRun first = ok("2020-12-01");
    server.served = List.of("EUR", "GBP", "USD");
    CliRun fewer = run("2020-12-02");
    batchChecks("{row_count_change: {max_percent: 30, severity: warn}}");
    CliRun warned = ok("2020-12-02");

    assertThat(first.out()).contains("checks: 1 passed");
    assertThat(fewer.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(fewer.err())
        .contains(
            "row_count_change: the batch has 3 row(s), 40% fewer than the 5 of 2020-12-01 (at"
                + " most 30% allowed)");
    assertThat(warned.out())
        .contains("warn: row_count_change: the batch has 3 row(s), 40% fewer than the 5");
    assertThat(project.rows(TABLE)).hasSize(8);
  }
}
