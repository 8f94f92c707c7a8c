package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.StateStore;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage body as recorded executions: RUNNING before, SUCCEEDED or FAILED after, one record per
 * attempt. Transient failures are retried with exponential backoff; permanent ones fail at once.
 */
final class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  private final StateStore state;
  private final EngineSettings settings;

  StageRunner(StateStore state, EngineSettings settings) {
    this.state = state;
    this.settings = settings;
  }

  /** The inputs a stage ran with, recorded with every attempt. */
  record Inputs(String specFingerprint, int schemaVersion, String inputChecksum) {}

  StageOutcome run(StageKey key, Inputs inputs, int retries, Supplier<StageOutcome> body) {
    int attempt = state.last(key).map(StageRun::attempt).orElse(0);
    for (int tries = 0; ; tries++) {
      attempt++;
      StageRun running = new StageRun(key, StageStatus.RUNNING, attempt, settings.clock().instant(), null, 0,
          inputs.specFingerprint(), inputs.schemaVersion(), inputs.inputChecksum(), null, null);
      state.record(running);
      try {
        StageOutcome outcome = body.get();
        state.record(running.finish(StageStatus.SUCCEEDED, settings.clock().instant(), outcome.rows(),
            outcome.outputChecksum(), null));
        return outcome;
      } catch (EtlxException e) {
        String output = e instanceof PartialFailure partial ? partial.output() : null;
        state.record(running.finish(StageStatus.FAILED, settings.clock().instant(), 0, output, e.getMessage()));
        if (!e.code().retryable() || tries >= retries) {
          throw e;
        }
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(tries, 10));
        LOG.warn("{} {} attempt {} failed, retrying in {} ms: {}", key.run(), key.stage().yamlName(), attempt,
            wait.toMillis(), e.getMessage());
        sleep(wait);
      } catch (RuntimeException e) {
        // the class only: an unexpected exception's message may quote a resolved secret; -v shows the trace
        String message = "internal error: " + e.getClass().getName();
        state.record(running.finish(StageStatus.FAILED, settings.clock().instant(), 0, null, message));
        throw new EtlxException(ErrorCode.INTERNAL, key.stage().yamlName() + " failed with " + message, e);
      }
    }
  }

  /**
   * Runs {@code action} with the same retries and backoff, without recording anything: for the parts of a
   * stage that must be retried one by one (each notifier), so a retry never repeats what succeeded.
   */
  <T> T retrying(int retries, String what, Supplier<T> action) {
    for (int tries = 0; ; tries++) {
      try {
        return action.get();
      } catch (EtlxException e) {
        if (!e.code().retryable() || tries >= retries) {
          throw e;
        }
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(tries, 10));
        LOG.warn("{} failed, retrying in {} ms: {}", what, wait.toMillis(), e.getMessage());
        sleep(wait);
      }
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(ErrorCode.INTERNAL, "interrupted while waiting to retry", e);
    }
  }
}
