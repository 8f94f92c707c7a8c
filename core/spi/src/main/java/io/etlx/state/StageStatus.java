package io.etlx.state;

/** The status of a stage execution. */
public enum StageStatus {
  /** Started and not (yet) finished: either running now, or the worker died. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Not run because its inputs were unchanged since it succeeded. */
  SKIPPED
}
