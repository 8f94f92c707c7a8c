package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.ErrorKind;

/** The exit codes of every command (documented in the README). */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** The input is wrong (spec errors, bad rows, unknown pipeline): fix it, then rerun. */
  public static final int USER_ERROR = 1;

  /** The command line is wrong. */
  public static final int USAGE = 2;

  /** A source, warehouse or server failed: a rerun later is safe and may succeed. */
  public static final int EXTERNAL = 3;

  /** A bug in etlx. */
  public static final int INTERNAL = 4;

  /**
   * Another process holds the lock of this pipeline, environment and date (or of the pipeline, for
   * a rebuild): nothing was done here. Not a failure of the data or of a server: leave the work to
   * that process, or rerun when it is done.
   */
  public static final int LOCKED = 5;

  /**
   * The data is in: every data stage succeeded or was skipped, and only a notification failed. An
   * orchestrator must not re-run the load for it; a rerun re-sends only to the channels that
   * failed.
   */
  public static final int NOTIFY_FAILED = 6;

  /**
   * {@code check-sla}: a pipeline's latest date whose deadline has passed is not loaded (run,
   * backfill and the other commands never exit with it).
   */
  public static final int LATE = 7;

  private ExitCode() {}

  static int of(ErrorCode code) {
    if (code == ErrorCode.USAGE) {
      return USAGE;
    }
    if (code == ErrorCode.ALREADY_RUNNING) {
      return LOCKED;
    }
    if (code == ErrorCode.NOTIFY_FAILED) {
      return NOTIFY_FAILED;
    }
    if (code == ErrorCode.LATE) {
      return LATE;
    }
    ErrorKind kind = code.kind();
    return switch (kind) {
      case USER -> USER_ERROR;
      case EXTERNAL -> EXTERNAL;
      case INTERNAL -> INTERNAL;
    };
  }
}
