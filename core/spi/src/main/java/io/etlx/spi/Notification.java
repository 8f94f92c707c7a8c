package io.etlx.spi;

import io.etlx.error.ErrorCode;
import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of a run, as notifiers report it. {@code failedStage}, {@code error} and {@code
 * errorCode} are null on success; {@code rowsLoaded} is the rows the date's load wrote, also when
 * this run skipped the load because it was done ({@code loadSkipped}); {@code warnings} are the
 * data checks that failed without stopping the load (severity warn or quarantine), empty otherwise.
 */
public record Notification(
    String pipeline,
    String environment,
    LocalDate date,
    NotifyEvent outcome,
    String failedStage,
    String error,
    ErrorCode errorCode,
    long rowsLoaded,
    boolean loadSkipped,
    List<CheckResult> warnings,
    RunInfo run) {
  public Notification {
    warnings = List.copyOf(warnings);
  }

  /** A success without warnings, as a test or a tool sends it. */
  public static Notification success(
      String pipeline, String environment, LocalDate date, long rowsLoaded, RunInfo run) {
    return new Notification(
        pipeline,
        environment,
        date,
        NotifyEvent.SUCCESS,
        null,
        null,
        null,
        rowsLoaded,
        false,
        List.of(),
        run);
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
