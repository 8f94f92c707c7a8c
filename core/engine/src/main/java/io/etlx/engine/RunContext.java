package io.etlx.engine;

import io.etlx.spec.PipelineSpec;
import io.etlx.spi.CheckResult;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RunInfo;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import io.etlx.transform.EarlyTransform;
import io.etlx.transform.TransformResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Everything the stages of one run share. */
final class RunContext {
  final RunKey key;
  final PipelineSpec pipeline;
  final EnvironmentSession session;
  final RunOptions options;
  final Fingerprints fingerprints;
  final StageRunner runner;
  final int retries;
  final Clock clock;

  /** Names this execution of the date in logs, notifications and the run's JSON report. */
  final String runId = UUID.randomUUID().toString();

  final Instant startedAt;
  final List<StageReport> reports = new ArrayList<>();

  /** The loads of the pipelines this one depends on, as the run found them before its extract. */
  Upstreams upstreams = Upstreams.none();

  RunContext(
      RunKey key,
      PipelineSpec pipeline,
      EnvironmentSession session,
      RunOptions options,
      Fingerprints fingerprints,
      EngineSettings settings) {
    this(key, pipeline, session, options, fingerprints, settings, List.of());
  }

  /**
   * @param upstreams the pipelines of {@code depends_on}: a SQL model's extract reads their tables
   */
  RunContext(
      RunKey key,
      PipelineSpec pipeline,
      EnvironmentSession session,
      RunOptions options,
      Fingerprints fingerprints,
      EngineSettings settings,
      List<PipelineSpec> upstreams) {
    this.key = key;
    this.pipeline = pipeline;
    this.session = session;
    this.options = options;
    this.fingerprints = fingerprints;
    this.runner =
        new StageRunner(
            session.state(), settings, session.listener(key, runId, pipeline, upstreams));
    this.retries = settings.retries();
    this.clock = settings.clock();
    this.startedAt = clock.instant();
  }

  /** The run as a notification reports it; {@code decisive} is the stage whose attempt counts. */
  RunInfo info(Stage decisive) {
    return new RunInfo(
        runId, decisive == null ? 0 : runner.attempt(decisive), startedAt, clock.instant());
  }

  /** Puts the run's fields in the logging context of this thread, until closed. */
  LogFields logFields() {
    return LogFields.of(
        Map.of(
            "pipeline", key.pipeline(),
            "environment", key.environment(),
            "date", key.date().toString(),
            "run_id", runId));
  }

  /** The transform started while the extract copied a CSV source, and the raw copy it read. */
  private EarlyTransform early;

  private String earlyRawChecksum;

  void keepEarly(String rawChecksum, EarlyTransform transform) {
    dropEarly();
    early = transform;
    earlyRawChecksum = rawChecksum;
  }

  /**
   * The rows the early transform made of the raw copy with {@code rawChecksum}, once (empty when
   * there is none for it, or it gave up); the caller owns the file.
   */
  Optional<TransformResult> takeEarly(String rawChecksum) {
    if (early == null) {
      return Optional.empty();
    }
    EarlyTransform taken = early;
    boolean same = rawChecksum != null && rawChecksum.equals(earlyRawChecksum);
    early = null;
    Optional<TransformResult> result = same ? taken.finish() : Optional.empty();
    if (result.isEmpty()) {
      taken.close();
      TransformStage.deleteQuietly(taken.target());
    }
    return result;
  }

  /** Ends an early transform nobody took. */
  void dropEarly() {
    takeEarly(null);
  }

  /** Whether {@code stage} runs or is skipped now, and why. */
  RerunRule.Decision decide(Stage stage, StageInputs now, Evidence output) {
    return RerunRule.decide(stage, last(stage), now, output, options);
  }

  PartitionKey partition() {
    return new PartitionKey(key.pipeline(), key.date());
  }

  StageKey stage(Stage stage) {
    return key.stage(stage);
  }

  Optional<StageRun> last(Stage stage) {
    return session.state().last(key.stage(stage));
  }

  String what(Stage stage) {
    return stage.yamlName() + " of " + key;
  }

  void ran(Stage stage, long rows, String note) {
    ran(stage, rows, note, List.of());
  }

  void ran(Stage stage, long rows, String note, List<CheckResult> checks) {
    report(stage, StageReport.Action.RAN, rows, note, checks);
  }

  void skipped(Stage stage, long rows, String note) {
    report(stage, StageReport.Action.SKIPPED, rows, note, List.of());
  }

  void failed(Stage stage, String note) {
    report(stage, StageReport.Action.FAILED, 0, note, List.of());
  }

  private void report(
      Stage stage, StageReport.Action action, long rows, String note, List<CheckResult> checks) {
    boolean ran = action != StageReport.Action.SKIPPED;
    reports.add(
        new StageReport(
            stage,
            action,
            rows,
            note,
            checks,
            ran ? runner.attempt(stage) : 0,
            ran ? runner.duration(stage) : java.time.Duration.ZERO));
  }
}
