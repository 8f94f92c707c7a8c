package io.etlx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.engine.RunReport;
import io.etlx.engine.StageReport;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * {@code run} and {@code backfill} with {@code --format json}: what each run did, for scripts and
 * orchestrators. Schema version {@value #SCHEMA_VERSION}; within a version fields are only added,
 * never renamed or removed (documented in the README).
 */
final class RunReportJson {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunReportJson() {}

  static String run(RunReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    runFields(root, report);
    return write(root);
  }

  static String backfill(
      String pipeline, String environment, LocalDate from, LocalDate to, List<RunReport> reports) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("pipeline", pipeline);
    root.put("environment", environment);
    root.put("from", from.toString());
    root.put("to", to.toString());
    long failed = reports.stream().filter(r -> !r.succeeded()).count();
    root.put("dates", reports.size());
    root.put("succeeded", reports.size() - failed);
    root.put("failed", failed);
    ArrayNode runs = root.putArray("runs");
    reports.forEach(report -> runFields(runs.addObject(), report));
    return write(root);
  }

  /** {@code run --all} / {@code backfill --all}: every pipeline's run, skipped ones marked. */
  static String all(String environment, List<io.etlx.engine.Workload.Outcome> outcomes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("environment", environment);
    long skipped = outcomes.stream().filter(io.etlx.engine.Workload.Outcome::skipped).count();
    long failed = outcomes.stream().filter(o -> !o.succeeded() && !o.skipped()).count();
    root.put("runs_total", outcomes.size());
    root.put("succeeded", outcomes.size() - failed - skipped);
    root.put("failed", failed);
    root.put("not_started", skipped);
    ArrayNode runs = root.putArray("runs");
    for (io.etlx.engine.Workload.Outcome outcome : outcomes) {
      ObjectNode node = runs.addObject();
      runFields(node, outcome.report());
      node.put("not_started", outcome.skipped());
    }
    return write(root);
  }

  private static void runFields(ObjectNode node, RunReport report) {
    node.put("pipeline", report.key().pipeline());
    node.put("environment", report.key().environment());
    node.put("date", report.key().date().toString());
    node.put("run_id", report.runId());
    node.put("status", status(report));
    node.put("exit_code", report.succeeded() ? ExitCode.OK : ExitCode.of(report.failure().code()));
    node.put("started_at", report.startedAt().toString());
    node.put("finished_at", report.finishedAt().toString());
    node.put("duration_ms", Duration.between(report.startedAt(), report.finishedAt()).toMillis());
    ArrayNode stages = node.putArray("stages");
    for (StageReport stage : report.stages()) {
      ObjectNode item = stages.addObject();
      item.put("stage", stage.stage().yamlName());
      item.put("action", stage.action().name().toLowerCase(Locale.ROOT));
      item.put("rows", stage.rows());
      item.put("attempt", stage.attempt());
      item.put("duration_ms", stage.duration().toMillis());
      item.put("note", stage.note());
      ArrayNode checks = item.putArray("checks");
      for (CheckResult check : stage.checks()) {
        ObjectNode c = checks.addObject();
        c.put("check", check.check());
        c.put("column", check.column());
        c.put("severity", check.severity().yamlName());
        c.put("passed", check.passed());
        c.put("failing_rows", check.failingRows());
        check.samples().forEach(c.putArray("samples")::add);
        c.put("text", check.describe());
      }
    }
    EtlxException failure = report.failure();
    if (failure == null) {
      node.putNull("error");
    } else {
      ObjectNode error = node.putObject("error");
      error.put("code", failure.code().name());
      error.put("kind", failure.code().kind().name().toLowerCase(Locale.ROOT));
      error.put("message", failure.getMessage());
    }
  }

  /** succeeded; notify_failed (the data is in, only a notification failed); failed. */
  private static String status(RunReport report) {
    if (report.succeeded()) {
      return "succeeded";
    }
    return ExitCode.of(report.failure().code()) == ExitCode.NOTIFY_FAILED
        ? "notify_failed"
        : "failed";
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
