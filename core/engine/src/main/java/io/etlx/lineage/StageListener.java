package io.etlx.lineage;

import io.etlx.state.Stage;
import java.time.Instant;

/**
 * Hears every attempt the engine makes of a stage of one run: when it starts and how it ends (a
 * stage skipped by the rerun rule makes no attempt). Called on the thread that runs the stage; must
 * never throw, since what it does with the news may not fail the run.
 */
public interface StageListener {
  /** Hears nothing: an environment without lineage. */
  StageListener NONE = new StageListener() {};

  /** Attempt {@code attempt} of {@code stage} starts. */
  default void started(Stage stage, int attempt, Instant at) {}

  /** The attempt succeeded, having read or written {@code rows}. */
  default void succeeded(Stage stage, int attempt, Instant at, long rows) {}

  /** The attempt failed with {@code error}, etlx's one-line message (never a stack trace). */
  default void failed(Stage stage, int attempt, Instant at, String error) {}
}
