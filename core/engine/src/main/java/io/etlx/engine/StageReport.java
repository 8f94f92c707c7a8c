package io.etlx.engine;

import io.etlx.spi.CheckResult;
import io.etlx.state.Stage;
import java.util.List;

/**
 * What a run did with one stage: ran it or skipped it (and why), and the rows it handled; for a
 * load that ran, the outcome of its data checks.
 */
public record StageReport(
    Stage stage, Action action, long rows, String note, List<CheckResult> checks) {
  public enum Action {
    RAN,
    SKIPPED,
    FAILED
  }

  public StageReport {
    checks = List.copyOf(checks);
  }

  public StageReport(Stage stage, Action action, long rows, String note) {
    this(stage, action, rows, note, List.of());
  }

  /** The checks that failed without stopping the load (warn, quarantine). */
  public List<CheckResult> warnings() {
    return checks.stream().filter(CheckResult::isWarning).toList();
  }
}
