package io.etlx.engine;

import io.etlx.state.StageRun;

/**
 * A stage's latest execution, with what a rerun would do about it ({@code note}, may be empty) and,
 * for an incremental source's extract, the state it read up to ({@code sourceState}, else null).
 */
public record StageStatusRow(StageRun run, String note, String sourceState) {
  public StageStatusRow(StageRun run, String note) {
    this(run, note, null);
  }
}
