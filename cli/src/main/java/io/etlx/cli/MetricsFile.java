package io.etlx.cli;

import io.etlx.engine.Freshness;
import io.etlx.engine.RunReport;
import io.etlx.engine.StageReport;
import io.etlx.spec.SlaSpec;
import io.etlx.state.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pipeline's metrics in Prometheus' text format, one file per pipeline and environment ({@code
 * etlx_ENV_PIPELINE.prom}), replaced atomically after each run or backfill: point node_exporter's
 * textfile collector at the directory. Freshness comes from the state store (so it covers every
 * worker), the run metrics from this process's run. Every metric is labelled with pipeline and
 * environment; the README lists them with a sample alert on a late date.
 */
final class MetricsFile {
  private final StringBuilder text = new StringBuilder();
  private final String labels;

  private MetricsFile(String pipeline, String environment) {
    this.labels =
        "pipeline=\"" + escape(pipeline) + "\",environment=\"" + escape(environment) + "\"";
  }

  /** Writes {@code dir/etlx_ENV_PIPELINE.prom}; returns its path. */
  static Path write(
      Path dir, Freshness freshness, SlaSpec sla, ZoneId zone, List<RunReport> reports) {
    MetricsFile file = new MetricsFile(freshness.pipeline(), freshness.environment());
    file.freshness(freshness, sla, zone);
    if (!reports.isEmpty()) {
      file.runs(reports);
    }
    Path target =
        dir.resolve("etlx_" + freshness.environment() + "_" + freshness.pipeline() + ".prom");
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".etlx-metrics-", ".tmp");
      Files.writeString(temp, file.text);
      // never half a file: the collector reads the old one or the new one
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private void freshness(Freshness f, SlaSpec sla, ZoneId zone) {
    if (f.lastLoaded() != null) {
      gauge(
          "etlx_last_loaded_date_seconds",
          "The latest logical date loaded successfully, as Unix seconds of its midnight UTC.",
          "",
          seconds(f.lastLoaded()));
      gauge(
          "etlx_last_loaded_timestamp_seconds",
          "When the load of the latest loaded logical date ended.",
          "",
          f.lastLoadedAt().getEpochSecond());
      if (sla != null) {
        gauge(
            "etlx_sla_next_deadline_timestamp_seconds",
            "The deadline of the date after the latest loaded one: alert when time() passes it.",
            "",
            sla.due(f.lastLoaded().plusDays(1), zone).toEpochSecond());
      }
    }
    header(
        "etlx_failed_dates",
        "Logical dates whose latest execution of the stage failed (a rerun retries them).");
    for (Stage stage : Stage.values()) {
      sample("etlx_failed_dates", stageLabel(stage), f.failedDates().getOrDefault(stage, 0));
    }
    if (f.due() != null) {
      gauge(
          "etlx_sla_due_date_seconds",
          "The latest logical date whose SLA deadline has passed, as Unix seconds of its midnight"
              + " UTC.",
          "",
          seconds(f.due()));
      gauge(
          "etlx_sla_late",
          "1 when the latest date whose deadline has passed is not loaded.",
          "",
          f.late() ? 1 : 0);
    }
  }

  private void runs(List<RunReport> reports) {
    RunReport last = reports.get(reports.size() - 1);
    long failed = reports.stream().filter(r -> !r.succeeded()).count();
    Instant started = reports.get(0).startedAt();
    gauge(
        "etlx_run_timestamp_seconds",
        "When the latest etlx run or backfill of the pipeline in this directory ended.",
        "",
        last.finishedAt().getEpochSecond());
    gauge(
        "etlx_run_success",
        "1 when every date of that run or backfill succeeded.",
        "",
        failed == 0 ? 1 : 0);
    gauge(
        "etlx_run_dates", "The logical dates that run or backfill processed.", "", reports.size());
    gauge(
        "etlx_run_failed_dates",
        "The logical dates that failed in that run or backfill.",
        "",
        failed);
    gauge(
        "etlx_run_duration_seconds",
        "How long that run or backfill took.",
        "",
        (last.finishedAt().toEpochMilli() - started.toEpochMilli()) / 1000.0);
    Map<Stage, Double> seconds = new EnumMap<>(Stage.class);
    Map<Stage, Long> rows = new EnumMap<>(Stage.class);
    for (RunReport report : reports) {
      for (StageReport stage : report.stages()) {
        seconds.merge(stage.stage(), stage.duration().toMillis() / 1000.0, Double::sum);
        if (stage.action() == StageReport.Action.RAN) {
          rows.merge(stage.stage(), stage.rows(), Long::sum);
        }
      }
    }
    header("etlx_stage_duration_seconds", "Time spent in each stage by that run or backfill.");
    for (Stage stage : Stage.values()) {
      sample("etlx_stage_duration_seconds", stageLabel(stage), seconds.getOrDefault(stage, 0.0));
    }
    header(
        "etlx_stage_rows",
        "Records extracted, rows transformed and loaded, notifications sent by the stages that"
            + " ran.");
    for (Stage stage : Stage.values()) {
      sample("etlx_stage_rows", stageLabel(stage), rows.getOrDefault(stage, 0L));
    }
  }

  private void gauge(String name, String help, String extraLabels, Number value) {
    header(name, help);
    sample(name, extraLabels, value);
  }

  private void header(String name, String help) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(" gauge\n");
  }

  private void sample(String name, String extraLabels, Number value) {
    text.append(name).append('{').append(labels).append(extraLabels).append("} ");
    text.append(
            value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value.toString())
        .append('\n');
  }

  private static String stageLabel(Stage stage) {
    return ",stage=\"" + stage.yamlName() + "\"";
  }

  private static long seconds(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
