package io.etlx.state;

import java.util.List;
import java.util.Optional;

/** Records stage executions; the embedded default keeps files, a shared one lives in PostgreSQL. */
public interface StateStore extends AutoCloseable {
  /** The latest execution of a stage, if it ever ran. */
  Optional<StageRun> last(StageKey key);

  /** Records an execution (a new one, or the end of a running one with the same attempt). */
  void record(StageRun run);

  /** The latest execution of every stage of every date of a pipeline in an environment. */
  List<StageRun> latest(String pipeline, String environment);

  /**
   * Takes the run's lock, so two workers never run the same pipeline, environment and date at once.
   *
   * @throws io.etlx.error.EtlxException {@code ALREADY_RUNNING} when another worker holds it
   */
  RunLock lock(RunKey key);

  /**
   * Takes the lock of a pipeline as a whole (a rebuild holds it, so that a run can tell a rebuild
   * in progress from one that died and clean up after the latter). Held apart from the date locks.
   *
   * @throws io.etlx.error.EtlxException {@code ALREADY_RUNNING} when another worker holds it
   */
  default RunLock lockPipeline(String pipeline, String environment) {
    return lock(new RunKey(pipeline, environment, WHOLE_PIPELINE));
  }

  /**
   * The date that stands for the whole pipeline in {@link #lockPipeline}: no logical date is this
   * early.
   */
  java.time.LocalDate WHOLE_PIPELINE = java.time.LocalDate.of(1, 1, 1);

  @Override
  void close();

  /** A held run lock; released on close (and by the operating system if the worker dies). */
  interface RunLock extends AutoCloseable {
    /**
     * Fails when the lock was lost while held (its lock file deleted or replaced, its database
     * session gone): another worker may be running the same date, so the run stops before its next
     * stage.
     *
     * @throws io.etlx.error.EtlxException {@code LOCK_LOST}
     */
    default void check() {}

    @Override
    void close();
  }
}
