package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A late date alerts even when no run started (check-sla, its exit code and its notification), and
 * runs leave Prometheus metrics a team can alert on.
 */
class SlaAndMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private FxServer server;
  private TestProject project;

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    project = new TestProject(dir, server.url(), true);
    project.writePipeline(
        project.pipeline().replace("notify:\n", "sla: {deadline: \"06:00\"}\nnotify:\n"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun checkSla(String at, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("check-sla", "--env", "dev", "--at", at));
    args.addAll(List.of(more));
    return project.etlx(args.toArray(String[]::new));
  }

  @Test
  void theLatestDueDateIsOnTimeOnceLoadedAndLateOtherwise() throws Exception {
    assertThat(
            project
                .etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev")
                .exitCode())
        .isZero();

    CliRun onTime = checkSla("2020-12-02T06:30:00Z");
    assertThat(onTime.exitCode()).as(onTime.err()).isZero();
    assertThat(onTime.out())
        .containsPattern("exchange_rates +2020-12-01 +2020-12-02T06:00Z +ok +2020-12-01");

    // before 06:00 the date due is the day before, which was never loaded
    CliRun early = checkSla("2020-12-02T05:59:00Z", "--format", "json");
    assertThat(early.exitCode()).isEqualTo(ExitCode.LATE);
    JsonNode row = JSON.readTree(early.out()).get(0);
    assertThat(row.get("due_date").asText()).isEqualTo("2020-11-30");
    assertThat(row.get("late").asBoolean()).isTrue();
    assertThat(row.get("last_loaded").asText()).isEqualTo("2020-12-01");

    int sent = server.webhookBodies.size();
    CliRun late = checkSla("2020-12-03T06:01:00Z", "--notify");
    assertThat(late.exitCode()).isEqualTo(ExitCode.LATE);
    assertThat(late.err())
        .contains(
            "etlx: late: exchange_rates 2020-12-02 (dev) is not loaded; it was due by"
                + " 2020-12-03T06:00Z (latest date loaded: 2020-12-01)");
    assertThat(server.webhookBodies).hasSize(sent + 1);
    JsonNode alert = JSON.readTree(server.webhookBodies.get(sent));
    assertThat(alert.get("outcome").asText()).isEqualTo("failure");
    assertThat(alert.get("failed_stage").asText()).isEqualTo("sla");
    assertThat(alert.get("error_code").asText()).isEqualTo("LATE");
    assertThat(alert.get("date").asText()).isEqualTo("2020-12-02");
  }

  @Test
  void aPipelineWithoutAnSlaIsNamedWhenAskedFor() throws Exception {
    project.writePipeline(project.pipeline().replace("sla: {deadline: \"06:00\"}\n", ""));

    assertThat(checkSla("2020-12-02T06:30:00Z").out()).contains("no pipeline declares an sla:");
    CliRun named = checkSla("2020-12-02T06:30:00Z", "exchange_rates");
    assertThat(named.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(named.err()).contains("exchange_rates declares no sla:");
  }

  @Test
  void aDeadlineThatIsNotATimeIsAValidationError() throws Exception {
    project.writePipeline(project.pipeline().replace("\"06:00\"", "6am"));

    CliRun validate = project.etlx("validate");

    assertThat(validate.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(validate.out() + validate.err()).contains("sla.deadline");
  }

  @Test
  void runsWriteFreshnessAndRunMetricsForPrometheus() throws Exception {
    Path metrics = dir.resolve("metrics");
    CliRun run =
        project.etlx(
            "run",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--metrics-dir",
            metrics.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    String labels = "{pipeline=\"exchange_rates\",environment=\"dev\"";
    String text = Files.readString(metrics.resolve("etlx_dev_exchange_rates.prom"));
    long dayOne = Instant.parse("2020-12-01T00:00:00Z").getEpochSecond();
    long dueOfNext = Instant.parse("2020-12-03T06:00:00Z").getEpochSecond();
    assertThat(text)
        .contains("# TYPE etlx_last_loaded_date_seconds gauge\n")
        .contains("etlx_last_loaded_date_seconds" + labels + "} " + dayOne + "\n")
        .contains("etlx_sla_next_deadline_timestamp_seconds" + labels + "} " + dueOfNext + "\n")
        .contains("etlx_run_success" + labels + "} 1\n")
        .contains("etlx_stage_rows" + labels + ",stage=\"load\"} 5\n")
        .contains("etlx_failed_dates" + labels + ",stage=\"extract\"} 0\n")
        .containsPattern("etlx_stage_duration_seconds\\{[^}]*stage=\"load\"} \\d+\\.\\d{3}\n");
    assertThat(Files.list(metrics)).hasSize(1); // no temporary file left behind

    server.apiStatus = 503;
    CliRun failed =
        project.process(
            java.util.Map.of("ETLX_METRICS_DIR", metrics.toString()),
            "run",
            "exchange_rates",
            "--date",
            "2020-12-02",
            "--env",
            "dev",
            "--retries",
            "0");
    assertThat(failed.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    text = Files.readString(metrics.resolve("etlx_dev_exchange_rates.prom"));
    assertThat(text)
        .contains("etlx_run_success" + labels + "} 0\n")
        .contains("etlx_failed_dates" + labels + ",stage=\"extract\"} 1\n")
        .contains("etlx_last_loaded_date_seconds" + labels + "} " + dayOne + "\n");
  }
}
