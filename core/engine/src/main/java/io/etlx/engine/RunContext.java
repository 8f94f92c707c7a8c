package io.etlx.engine;

import io.etlx.spec.PipelineSpec;
import io.etlx.spi.CheckResult;
import io.etlx.spi.PartitionKey;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  final List<StageReport> reports = new ArrayList<>();

  RunContext(
      RunKey key,
      PipelineSpec pipeline,
      EnvironmentSession session,
      RunOptions options,
      Fingerprints fingerprints,
      EngineSettings settings) {
    this.key = key;
    this.pipeline = pipeline;
    this.session = session;
    this.options = options;
    this.fingerprints = fingerprints;
    this.runner = new StageRunner(session.state(), settings);
    this.retries = settings.retries();
    this.clock = settings.clock();
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
    reports.add(new StageReport(stage, StageReport.Action.RAN, rows, note));
  }

  void ran(Stage stage, long rows, String note, List<CheckResult> checks) {
    reports.add(new StageReport(stage, StageReport.Action.RAN, rows, note, checks));
  }

  void skipped(Stage stage, long rows, String note) {
    reports.add(new StageReport(stage, StageReport.Action.SKIPPED, rows, note));
  }

  void failed(Stage stage, String note) {
    reports.add(new StageReport(stage, StageReport.Action.FAILED, 0, note));
  }
}
