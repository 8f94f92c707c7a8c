package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an orchestrator and a log pipeline see of a run: its JSON report, its webhook payload and
 * its JSON log lines name the same run; a standard logback configuration replaces the default.
 */
class RunObservabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private FxServer server;
  private TestProject project;

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    project = new TestProject(dir, server.url(), true);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun run(Map<String, String> env, String date, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("run", "exchange_rates", "--date", date, "--env", "dev", "--retries", "0"));
    args.addAll(List.of(more));
    return project.process(env, args.toArray(String[]::new));
  }

  @Test
  void theReportTheWebhookAndTheJsonLogsNameTheSameRun() throws Exception {
    CliRun run = run(Map.of("ETLX_LOG_FORMAT", "json"), "2020-12-01", "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("schema_version").asInt()).isEqualTo(1);
    assertThat(report.get("status").asText()).isEqualTo("succeeded");
    assertThat(report.get("exit_code").asInt()).isZero();
    assertThat(report.get("error").isNull()).isTrue();
    String runId = report.get("run_id").asText();
    assertThat(runId).isNotBlank();
    JsonNode load = report.get("stages").get(2);
    assertThat(load.get("stage").asText()).isEqualTo("load");
    assertThat(load.get("action").asText()).isEqualTo("ran");
    assertThat(load.get("rows").asLong()).isEqualTo(5);
    assertThat(load.get("attempt").asInt()).isEqualTo(1);

    JsonNode hook = JSON.readTree(server.webhookBodies.get(0));
    assertThat(hook.get("schema_version").asInt()).isEqualTo(1);
    assertThat(hook.get("run_id").asText()).isEqualTo(runId);
    assertThat(hook.get("attempt").asInt()).isEqualTo(1);
    assertThat(hook.get("outcome").asText()).isEqualTo("success");
    assertThat(hook.get("load").asText()).isEqualTo("ran");
    assertThat(hook.get("rows_loaded").asLong()).isEqualTo(5);
    assertThat(hook.get("error_code").isNull()).isTrue();
    assertThat(hook.get("duration_ms").asLong()).isNotNegative();
    assertThat(hook.get("started_at").asText()).isEqualTo(report.get("started_at").asText());

    List<JsonNode> lines = run.err().lines().map(RunObservabilityTest::parse).toList();
    assertThat(lines).isNotEmpty();
    for (JsonNode line : lines) {
      assertThat(line.get("ts").asText()).endsWith("Z");
      assertThat(line.has("level") && line.has("logger") && line.has("host")).isTrue();
    }
    JsonNode extract =
        lines.stream()
            .filter(line -> "extract".equals(line.path("stage").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(extract.get("run_id").asText()).isEqualTo(runId);
    assertThat(extract.get("pipeline").asText()).isEqualTo("exchange_rates");
    assertThat(extract.get("environment").asText()).isEqualTo("dev");
    assertThat(extract.get("date").asText()).isEqualTo("2020-12-01");
    assertThat(extract.get("attempt").asText()).isEqualTo("1");
  }

  @Test
  void aNotificationOnlyRerunSaysTheLoadWasSkippedAndHowManyRowsItHolds() throws Exception {
    server.webhookStatus = 500;
    CliRun failed = run(Map.of(), "2020-12-01", "--format", "json");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.NOTIFY_FAILED);
    JsonNode report = JSON.readTree(failed.out());
    assertThat(report.get("status").asText()).isEqualTo("notify_failed");
    assertThat(report.get("exit_code").asInt()).isEqualTo(ExitCode.NOTIFY_FAILED);
    assertThat(report.get("error").get("code").asText()).isEqualTo("NOTIFY_FAILED");

    server.webhookStatus = 200;
    CliRun rerun = run(Map.of(), "2020-12-01", "--format", "json");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    JsonNode load = JSON.readTree(rerun.out()).get("stages").get(2);
    assertThat(load.get("action").asText()).isEqualTo("skipped");
    assertThat(load.get("rows").asLong()).isEqualTo(5);
    assertThat(load.get("attempt").asInt()).isZero();
    JsonNode hook = JSON.readTree(server.webhookBodies.get(server.webhookBodies.size() - 1));
    assertThat(hook.get("load").asText()).isEqualTo("skipped");
    assertThat(hook.get("rows_loaded").asLong()).isEqualTo(5);
  }

  @Test
  void aFailureAlertCarriesTheErrorCodeKindAndAttempt() throws Exception {
    server.apiStatus = 503;
    CliRun failed =
        project.process(
            Map.of(),
            "run",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--retries",
            "1",
            "--retry-backoff-ms",
            "1");

    assertThat(failed.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    JsonNode hook = JSON.readTree(server.webhookBodies.get(0));
    assertThat(hook.get("outcome").asText()).isEqualTo("failure");
    assertThat(hook.get("failed_stage").asText()).isEqualTo("extract");
    assertThat(hook.get("error_code").asText()).isEqualTo("SOURCE_UNAVAILABLE");
    assertThat(hook.get("error_kind").asText()).isEqualTo("external");
    assertThat(hook.get("attempt").asInt()).isEqualTo(2);
    assertThat(hook.get("error").asText()).contains("503").doesNotContain("s3cr3t");
  }

  @Test
  void aBackfillAsJsonListsEveryDateWithItsOutcome() throws Exception {
    server.unavailableDays.add(java.time.LocalDate.parse("2020-12-02"));
    CliRun backfill =
        project.process(
            Map.of(),
            "backfill",
            "exchange_rates",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03",
            "--env",
            "dev",
            "--retries",
            "0",
            "--format",
            "json");

    assertThat(backfill.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    JsonNode report = JSON.readTree(backfill.out());
    assertThat(report.get("schema_version").asInt()).isEqualTo(1);
    assertThat(report.get("dates").asInt()).isEqualTo(3);
    assertThat(report.get("succeeded").asInt()).isEqualTo(2);
    assertThat(report.get("failed").asInt()).isEqualTo(1);
    JsonNode second = report.get("runs").get(1);
    assertThat(second.get("date").asText()).isEqualTo("2020-12-02");
    assertThat(second.get("status").asText()).isEqualTo("failed");
    assertThat(second.get("error").get("kind").asText()).isEqualTo("external");
    assertThat(backfill.err()).contains("1 of 3 date(s) failed");
  }

  @Test
  void aStandardLogbackConfigurationReplacesTheDefault() throws Exception {
    Path config = dir.resolve("logback.xml");
    Files.writeString(
        config,
        """
        <configuration>
          <appender name="err" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>CUSTOM run=%X{run_id} stage=%X{stage} %msg%n</pattern></encoder>
          </appender>
          <root level="INFO"><appender-ref ref="err"/></root>
        </configuration>
        """);

    CliRun run =
        run(Map.of("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=" + config), "2020-12-01");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).containsPattern("(?m)^CUSTOM run=[0-9a-f-]{36} stage=extract extract of");
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not a JSON log line: " + line, e);
    }
  }
}
