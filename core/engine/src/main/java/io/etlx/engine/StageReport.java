package io.etlx.engine;

import io.etlx.spi.CheckResult;
import io.etlx.state.Stage;
import java.time.Duration;
import java.util.List;

/**
 * What a run did with one stage: ran it or skipped it (and why), and the rows it handled (for a
 * skipped stage, those of the success it kept); for a load that ran, the outcome of its data
 * checks. {@code attempt} is the stage's attempt number when this run ran it (0 when skipped), and
 * {@code duration} the time this run spent on it, retries included.
 */
public record StageReport(
    Stage stage,
    Action action,
    long rows,
    String note,
    List<CheckResult> checks,
    int attempt,
    Duration duration) {
  public enum Action {
    RAN,
    SKIPPED,
    FAILED
  }

  public StageReport {
    checks = List.copyOf(checks);
  }

  public StageReport(Stage stage, Action action, long rows, String note) {
    this(stage, action, rows, note, List.of(), 0, Duration.ZERO);
  }

  /** The checks that failed without stopping the load (warn, quarantine). */
  public List<CheckResult> warnings() {
    return checks.stream().filter(CheckResult::isWarning).toList();
  }
}
