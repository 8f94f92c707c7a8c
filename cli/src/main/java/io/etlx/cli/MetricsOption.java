package io.etlx.cli;

import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.Freshness;
import io.etlx.engine.RunReport;
import io.etlx.error.EtlxException;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --metrics-dir}: where {@code run} and {@code backfill} write their Prometheus metrics. */
final class MetricsOption {
  static final String VARIABLE = "ETLX_METRICS_DIR";

  @Option(
      names = "--metrics-dir",
      paramLabel = "DIR",
      description =
          "Write Prometheus metrics (etlx_ENV_PIPELINE.prom) to DIR after the run, for"
              + " node_exporter's textfile collector (default: $ETLX_METRICS_DIR, else none).")
  Path dir;

  /**
   * Writes the pipeline's metrics, if a directory is set. A failure to write them is reported on
   * stderr and never fails a run whose data is in.
   */
  void write(
      Map<String, String> processEnv,
      EnvironmentSession session,
      ResolvedPipeline resolved,
      List<RunReport> reports,
      Clock clock,
      PrintWriter err) {
    Path target = dir != null ? dir : configured(processEnv);
    if (target == null) {
      return;
    }
    try {
      String pipeline = resolved.pipeline().name();
      String environment = resolved.environment().name();
      Freshness freshness =
          Freshness.of(
              resolved.pipeline(),
              environment,
              session.state().latest(pipeline, environment),
              clock.instant());
      MetricsFile.write(
          target, freshness, resolved.pipeline().sla(), resolved.pipeline().timezone(), reports);
    } catch (EtlxException | UncheckedIOException e) {
      err.println("etlx: warning: metrics not written to " + target + ": " + e.getMessage());
    }
  }

  private static Path configured(Map<String, String> processEnv) {
    String value = processEnv.get(VARIABLE);
    return value == null || value.isBlank() ? null : Path.of(value);
  }
}
