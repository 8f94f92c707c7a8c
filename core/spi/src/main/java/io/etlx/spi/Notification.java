package io.etlx.spi;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of a run, as notifiers report it. {@code failedStage} and {@code error} are null on
 * success; {@code warnings} are the data checks that failed without stopping the load (severity
 * warn or quarantine), empty otherwise.
 */
public record Notification(
    String pipeline,
    String environment,
    LocalDate date,
    NotifyEvent outcome,
    String failedStage,
    String error,
    long rowsLoaded,
    List<CheckResult> warnings) {
  public Notification {
    warnings = List.copyOf(warnings);
  }

  /** A notification without warnings. */
  public Notification(
      String pipeline,
      String environment,
      LocalDate date,
      NotifyEvent outcome,
      String failedStage,
      String error,
      long rowsLoaded) {
    this(pipeline, environment, date, outcome, failedStage, error, rowsLoaded, List.of());
  }

  /** A one-line summary, e.g. for a subject line. */
  public String subject() {
    String verdict =
        outcome != NotifyEvent.SUCCESS
            ? "FAILED at " + failedStage
            : warnings.isEmpty()
                ? "succeeded"
                : "succeeded with " + warnings.size() + " warning(s)";
    return "etlx: " + pipeline + " " + date + " (" + environment + ") " + verdict;
  }
}
