package io.etlx.spi;

import java.time.LocalDate;

/**
 * The outcome of a run, as notifiers report it. {@code failedStage} and {@code error} are null on
 * success.
 */
public record Notification(
    String pipeline,
    String environment,
    LocalDate date,
    NotifyEvent outcome,
    String failedStage,
    String error,
    long rowsLoaded) {

  /** A one-line summary, e.g. for a subject line. */
  public String subject() {
    String verdict = outcome == NotifyEvent.SUCCESS ? "succeeded" : "FAILED at " + failedStage;
    return "etlx: " + pipeline + " " + date + " (" + environment + ") " + verdict;
  }
}
