package io.etlx.engine;

import io.etlx.state.Stage;

/** What a run did with one stage: ran it or skipped it (and why), and the rows it handled. */
public record StageReport(Stage stage, Action action, long rows, String note) {
  public enum Action {
    RAN,
    SKIPPED,
    FAILED
  }
}
