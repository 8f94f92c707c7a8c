package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case study's retry scenarios (README: "Why etlx"), end to end: the CLI against a real HTTP
 * server on loopback and each backend (the embedded DuckDB default; PostgreSQL + an S3-compatible
 * raw store + the shared PostgreSQL state store).
 */
abstract class RetryScenarios {
  private static final String DEV_TABLE = "alice_dev.historical_exchange_rates";
  private static final String PROD_TABLE = "raw.historical_exchange_rates";
  private static final String DEV_LEDGER = "alice_dev._etlx_loads";
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);

  @TempDir Path dir;
  FxServer server;
  Backend backend;
  TestProject project;

  abstract Backend backend();

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    backend = backend();
    project = new TestProject(dir, server.url(), true, backend);
  }

  @AfterEach
  void stop() {
    server.close();
    backend.close();
  }

  @Test
  void devWritesOnlyToTheDevSchema() throws Exception {
    assertThat(
            project
                .etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "prod")
                .exitCode())
        .isZero();
    List<String> prodBefore = project.rows(PROD_TABLE);

    CliRun dev = project.etlx("run", "exchange_rates", "--date", "2020-12-02", "--env", "dev");

    assertThat(dev.exitCode()).as(dev.err()).isZero();
    assertThat(project.rows(DEV_TABLE)).hasSize(5).allMatch(row -> row.startsWith("2020-12-02|"));
    assertThat(project.rows(PROD_TABLE))
        .isEqualTo(prodBefore)
        .hasSize(5)
        .allMatch(row -> row.startsWith("2020-12-01|"));
  }

  @Test
  void notifyFailureAfterLoadRetriesOnlyTheNotification() throws Exception {
    server.webhookStatus = 500;

    CliRun failed =
        project.etlx(
            "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "0");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.NOTIFY_FAILED);
    assertThat(failed.err())
        .contains("webhook", "HTTP 500", "the load is done, a rerun only retries the notification");
    List<String> loaded = project.rows(DEV_TABLE);
    assertThat(loaded).hasSize(5);

    server.webhookStatus = 200;
    CliRun rerun = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out())
        .containsPattern("extract +skipped")
        .containsPattern("transform +skipped")
        .containsPattern("load +skipped")
        .containsPattern("notify +ran");
    assertThat(project.rows(DEV_TABLE)).isEqualTo(loaded);
    assertThat(server.webhookBodies.get(server.webhookBodies.size() - 1))
        .contains("\"outcome\":\"success\"");
  }

  @Test
  void sourceDownDuringExtractThenRerunLoadsTheDayExactlyOnce() throws Exception {
    server.apiStatus = 503;

    CliRun failed =
        project.etlx(
            "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "1");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(failed.err()).contains("503").doesNotContain("s3cr3t");
    assertThat(server.requests).hasSize(2); // the first try and one retry
    assertThat(project.rows(DEV_TABLE)).isEmpty();

    server.apiStatus = 200;
    assertThat(
            project
                .etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev")
                .exitCode())
        .isZero();
    assertThat(
            project
                .etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev")
                .exitCode())
        .isZero();

    assertThat(project.rows(DEV_TABLE)).hasSize(5);
    assertThat(project.rows("alice_dev._etlx_loads")).hasSize(1);
  }

  @Test
  void retryDaysLaterLoadsTheLogicalDatesRatesNotTodays() throws Exception {
    server.apiStatus = 500;
    project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "0");
    server.apiStatus = 200;
    server.requests.clear();

    CliRun retry = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");

    assertThat(retry.exitCode()).as(retry.err()).isZero();
    assertThat(server.requests)
        .singleElement()
        .asString()
        .startsWith("/historical/2020-12-01.json?");
    for (String currency : FxServer.CURRENCIES) {
      String expected =
          "2020-12-01|"
              + currency
              + "|"
              + new java.math.BigDecimal(FxServer.rate(currency, DEC_1)).setScale(6);
      assertThat(project.rows(DEV_TABLE)).contains(expected + "|USD");
    }
  }

  @Test
  void forcedRerunOfASucceededDateLeavesTheTableIdentical() throws Exception {
    assertThat(
            project
                .etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev")
                .exitCode())
        .isZero();
    List<String> before = project.rows(DEV_TABLE);

    CliRun forced =
        project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--force");

    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(forced.out())
        .containsPattern("extract +skipped")
        .containsPattern("transform +ran")
        .containsPattern("load +ran");
    assertThat(project.rows(DEV_TABLE)).isEqualTo(before);
  }

  @Test
  void droppedTableIsRebuiltFromRawDataWithTheSourceGone() throws Exception {
    project = new TestProject(dir.resolve("no-webhook"), server.url(), false, backend);
    CliRun backfill =
        project.etlx(
            "backfill",
            "exchange_rates",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03",
            "--env",
            "dev");
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    List<String> before = project.rows(DEV_TABLE);
    assertThat(before).hasSize(15);

    project.sql("DROP TABLE " + DEV_TABLE);
    server.close();
    CliRun replay =
        project.etlx(
            "backfill",
            "exchange_rates",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03",
            "--env",
            "dev",
            "--from-stage",
            "transform");

    assertThat(replay.exitCode()).as(replay.err()).isZero();
    assertThat(project.rows(DEV_TABLE)).isEqualTo(before);
  }

  @Test
  void backfillRunsOnlyIncompleteDates() throws Exception {
    project.etlx("run", "exchange_rates", "--date", "2020-12-02", "--env", "dev");
    server.requests.clear();

    CliRun backfill =
        project.etlx(
            "backfill",
            "exchange_rates",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03",
            "--env",
            "dev",
            "--parallel",
            "2");

    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    assertThat(server.requests)
        .extracting(r -> r.substring(0, r.indexOf('?')))
        .containsExactlyInAnyOrder("/historical/2020-12-01.json", "/historical/2020-12-03.json");
    assertThat(backfill.out()).endsWith("3 date(s): 3 ok, 0 failed\n");
    assertThat(project.rows(DEV_TABLE)).hasSize(15);
  }

  @Test
  void aPermanentSourceErrorFailsAtOnceWithoutRetries() throws Exception {
    server.apiStatus = 404;

    CliRun run =
        project.etlx(
            "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "3");

    assertThat(run.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(server.requests).hasSize(1);
    assertThat(run.err()).contains("HTTP 404").doesNotContain("s3cr3t").doesNotContain("Exception");
  }

  @Test
  void statusSaysWhyAStageIsStaleAfterTheSpecChanged() throws Exception {
    project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    Path spec = dir.resolve("pipelines/exchange_rates.yaml");
    java.nio.file.Files.writeString(
        spec, java.nio.file.Files.readString(spec).replace("decimal(18,6)", "decimal(20,8)"));

    CliRun status = project.etlx("status", "exchange_rates", "--env", "dev", "--format", "json");
    CliRun rerun = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .contains(
            "\"stage\" : \"transform\"",
            "stale: transform spec changed since it last ran",
            "stale: load spec changed since it last ran");
    assertThat(rerun.out())
        .containsPattern("extract +skipped")
        .containsPattern("transform +ran")
        .containsPattern("load +ran");
    assertThat(project.rows(DEV_TABLE))
        .hasSize(5)
        .allMatch(row -> row.contains(".") && row.split("\\|")[2].split("\\.")[1].length() == 8);
  }

  @Test
  void aRerunAfterAPartialNotifyFailureSendsOnlyToTheChannelsThatFailed() throws Exception {
    Path spec = dir.resolve("pipelines/exchange_rates.yaml");
    java.nio.file.Files.writeString(
        spec,
        java.nio.file.Files.readString(spec)
            .replace(
                "url: \"${env.hook}\"}",
                "url: \"${env.hook}\"}\n  - {type: webhook, on: [success], url: \""
                    + server.url()
                    + "/second-hook\"}"));
    server.secondWebhookStatus = 503;

    CliRun failed =
        project.etlx(
            "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "1");
    server.secondWebhookStatus = 200;
    CliRun rerun = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.NOTIFY_FAILED);
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(server.webhookBodies)
        .filteredOn(b -> b.contains("\"outcome\":\"success\""))
        .hasSize(1);
    assertThat(server.secondWebhookBodies).hasSize(3); // two failed tries, then the rerun's
    assertThat(rerun.out()).containsPattern("load +skipped");
  }

  @Test
  void theSecretNeverReachesStateRawMetadataOrOutput() throws Exception {
    server.apiStatus = 500;
    CliRun failed =
        project.etlx(
            "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "0");
    server.apiStatus = 200;
    CliRun ok = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    CliRun status = project.etlx("status", "exchange_rates", "--env", "dev", "--format", "json");

    assertThat(server.requests)
        .last()
        .asString()
        .contains("app_id=s3cr3t-app-id"); // the source did get it
    String secret = project.env.get("FX_APP_ID");
    assertThat(failed.out() + failed.err() + ok.out() + ok.err() + status.out() + status.err())
        .doesNotContain(secret);
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path file :
          (Iterable<Path>) files.filter(java.nio.file.Files::isRegularFile)::iterator) {
        if (!file.toString().endsWith(".gz")
            && !file.toString().endsWith(".duckdb")
            && !file.toString().endsWith(".wal")) {
          assertThat(
                  java.nio.file.Files.readString(
                      file, java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(file.toString())
              .doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void aRevertedSpecWhoseLoadCrashedBeforeItsCommitIsAppliedOnTheRerun() throws Exception {
    String specA = project.pipeline();
    String specB = specA.replace("{value: USD, type: string}", "{value: EUR, type: string}");
    run("2020-12-01");
    project.writePipeline(specB);
    run("2020-12-01");
    project.writePipeline(specA);

    CliRun crashed =
        project.crashing(
            "load:before-commit", "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    assertThat(crashed.exitCode()).as(crashed.err()).isEqualTo(137);
    CliRun rerun = run("2020-12-01");

    assertThat(rerun.out()).doesNotContain("not applied again");
    assertThat(project.rows(DEV_TABLE)).hasSize(5).allMatch(row -> row.endsWith("|USD"));
    assertThat(project.rows(DEV_LEDGER)).hasSize(1);
    assertThat(run("2020-12-01").out()).contains("unchanged rows and spec");
  }

  @Test
  void aRevertedSourceWhoseLoadCrashedBeforeItsCommitIsAppliedOnTheRerun() throws Exception {
    run("2020-12-01");
    server.revision = 1;
    run("2020-12-01", "--re-extract");
    server.revision = 0;

    CliRun crashed =
        project.crashing(
            "load:before-commit",
            "run",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--re-extract");
    assertThat(crashed.exitCode()).as(crashed.err()).isEqualTo(137);
    run("2020-12-01");

    assertThat(project.rows(DEV_TABLE))
        .contains("2020-12-01|EUR|" + FxServer.rate("EUR", DEC_1) + "|USD")
        .noneMatch(row -> row.contains("110.5"))
        .hasSize(5);
  }

  @Test
  void aCorrectedSourceStagesOnlyTheChangedRowsAndTheTableIsWhatAWholeLoadMakes() throws Exception {
    run("2020-12-01");
    server.revision = 1; // four of the five rates change; USD stays 1

    CliRun corrected = run("2020-12-01", "--re-extract");
    List<String> table = project.rows(DEV_TABLE);
    CliRun whole = run("2020-12-01", "--force");

    assertThat(corrected.out())
        .contains("4 staged (1 unchanged since the date's last load: not staged), 4 written");
    assertThat(whole.out()).contains("5 staged, ");
    assertThat(project.rows(DEV_TABLE))
        .isEqualTo(table)
        .hasSize(5)
        .contains("2020-12-01|EUR|110.500000|USD");
    assertThat(project.rows(DEV_LEDGER)).hasSize(1);
  }

  @Test
  void aReloadAfterALaterLoadOfTheTableStagesEveryRow() throws Exception {
    run("2020-12-01");
    run("2020-12-02"); // it may have written keys of the first date: only a whole load is sure
    server.revision = 1;

    CliRun corrected = run("2020-12-01", "--re-extract");

    assertThat(corrected.out()).contains("5 staged, ").doesNotContain("unchanged since");
    assertThat(project.rows(DEV_TABLE)).contains("2020-12-01|EUR|110.500000|USD").hasSize(10);
  }

  @Test
  void aDroppedTableIsLoadedAgainByAPlainRunAndStatusSaysWhy() throws Exception {
    run("2020-12-01");
    project.sql("DROP TABLE " + DEV_TABLE);

    CliRun status =
        project.etlx("status", "exchange_rates", "--env", "dev", "--date", "2020-12-01");
    CliRun rerun = run("2020-12-01");

    assertThat(status.out()).contains("the warehouse holds no load of this date");
    assertThat(rerun.out()).contains("the warehouse holds no load of this date");
    assertThat(project.rows(DEV_TABLE)).hasSize(5);
    assertThat(project.rows(DEV_LEDGER)).hasSize(1);
  }

  @Test
  void aLostStateStoreNeitherLoadsAgainNorWritesLedgerRowsTwiceNorNotifiesTwice() throws Exception {
    run("2020-12-01");
    List<String> table = project.rows(DEV_TABLE);
    int notifications = server.webhookBodies.size();
    project.loseState("dev");

    CliRun rerun = run("2020-12-01");

    assertThat(rerun.out())
        .contains("the warehouse already holds these rows under this spec")
        .contains("its notification is not sent again");
    assertThat(project.rows(DEV_TABLE)).isEqualTo(table);
    assertThat(project.rows(DEV_LEDGER)).hasSize(1);
    assertThat(server.webhookBodies).hasSize(notifications);
  }

  private CliRun run(String date, String... more) {
    List<String> args =
        new java.util.ArrayList<>(List.of("run", "exchange_rates", "--date", date, "--env", "dev"));
    args.addAll(List.of(more));
    CliRun run = project.etlx(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return run;
  }
}
