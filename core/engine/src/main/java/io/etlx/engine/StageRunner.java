package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.lineage.StageListener;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one stage body as recorded executions: RUNNING before, SUCCEEDED or FAILED after, one record
 * per attempt. Transient failures are retried with exponential backoff; permanent ones fail at
 * once.
 */
final class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  private final StateStore state;
  private final EngineSettings settings;
  private final StageListener listener;
  private final Map<Stage, Integer> attempts = new EnumMap<>(Stage.class);
  private final Map<Stage, Duration> durations = new EnumMap<>(Stage.class);

  /**
   * @param listener hears each attempt once it is recorded (lineage)
   */
  StageRunner(StateStore state, EngineSettings settings, StageListener listener) {
    this.state = state;
    this.settings = settings;
    this.listener = listener;
  }

  /**
   * Runs {@code body}, recording each attempt. {@code context} is recorded with the RUNNING
   * execution, so a later attempt finds it even if this worker dies (the load's id, the notifiers
   * that already sent).
   */
  StageOutcome run(
      StageKey key,
      StageInputs inputs,
      StageContext context,
      int retries,
      Supplier<StageOutcome> body) {
    Instant start = settings.clock().instant();
    MDC.put("stage", key.stage().yamlName());
    try {
      return attempts(key, inputs, context, retries, body);
    } finally {
      durations.put(key.stage(), Duration.between(start, settings.clock().instant()));
      MDC.remove("stage");
      MDC.remove("attempt");
    }
  }

  /** The attempt this runner last made of {@code stage}, or 0 when it did not run it. */
  int attempt(Stage stage) {
    return attempts.getOrDefault(stage, 0);
  }

  /** How long this runner spent on {@code stage}, retries included; zero when it did not run it. */
  Duration duration(Stage stage) {
    return durations.getOrDefault(stage, Duration.ZERO);
  }

  private StageOutcome attempts(
      StageKey key,
      StageInputs inputs,
      StageContext context,
      int retries,
      Supplier<StageOutcome> body) {
    Optional<StageRun> before = state.last(key);
    int attempt = before.map(StageRun::attempt).orElse(0);
    // a failed attempt over the same inputs as the last success leaves that success's output in
    // place
    // (outputs are replaced atomically, last): the failure record keeps pointing at it, so a forced
    // rerun that fails (say on a read-only raw store) does not make every later plain run redo it
    StageRun standing =
        before
            .filter(run -> run.status() == StageStatus.SUCCEEDED || run.outputChecksum() != null)
            .filter(run -> sameInputs(run, inputs))
            .orElse(null);
    for (int tries = 0; ; tries++) {
      attempt++;
      attempts.put(key.stage(), attempt);
      MDC.put("attempt", Integer.toString(attempt));
      StageRun running =
          new StageRun(
              key,
              StageStatus.RUNNING,
              attempt,
              settings.clock().instant(),
              null,
              0,
              inputs.specFingerprint(),
              inputs.schemaVersion(),
              inputs.inputChecksum(),
              null,
              null,
              context);
      state.record(running);
      listener.started(key.stage(), attempt, running.startedAt());
      try {
        StageOutcome outcome = body.get();
        StageRun succeeded =
            running.finish(
                StageStatus.SUCCEEDED,
                settings.clock().instant(),
                outcome.rows(),
                outcome.outputChecksum(),
                null,
                outcome.context());
        state.record(succeeded);
        listener.succeeded(key.stage(), attempt, succeeded.endedAt(), outcome.rows());
        return outcome;
      } catch (EtlxException e) {
        if (e instanceof PartialFailure partial) {
          context =
              partial
                  .context(); // what the failed attempt did achieve; the next attempt builds on it
        }
        failed(
            running.finish(
                StageStatus.FAILED,
                settings.clock().instant(),
                standing == null ? 0 : standing.rows(),
                standing == null ? null : standing.outputChecksum(),
                e.getMessage(),
                context));
        if (!e.code().retryable() || tries >= retries) {
          throw e;
        }
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(tries, 10));
        LOG.warn(
            "{} {} attempt {} failed, retrying in {} ms: {}",
            key.run(),
            key.stage().yamlName(),
            attempt,
            wait.toMillis(),
            e.getMessage());
        sleep(wait);
      } catch (RuntimeException e) {
        // the class only: an unexpected exception's message may quote a resolved secret; -v shows
        // the trace
        String message = "internal error: " + e.getClass().getName();
        failed(
            running.finish(
                StageStatus.FAILED, settings.clock().instant(), 0, null, message, context));
        throw new EtlxException(
            ErrorCode.INTERNAL, key.stage().yamlName() + " failed with " + message, e);
      } catch (OutOfMemoryError e) {
        // what filled the heap is garbage once the stage body has unwound: there is room to say so
        String message =
            key.stage().yamlName()
                + " of "
                + key.run()
                + " ran out of memory; give etlx more heap (e.g. ETLX_JAVA_OPTS=-Xmx2g) and rerun";
        failed(
            running.finish(
                StageStatus.FAILED, settings.clock().instant(), 0, null, message, context));
        throw new EtlxException(ErrorCode.OUT_OF_MEMORY, message, e);
      }
    }
  }

  /** Records a failed attempt, then tells the listener. */
  private void failed(StageRun run) {
    state.record(run);
    listener.failed(run.key().stage(), run.attempt(), run.endedAt(), run.error());
  }

  private static boolean sameInputs(StageRun run, StageInputs inputs) {
    return java.util.Objects.equals(run.specFingerprint(), inputs.specFingerprint())
        && java.util.Objects.equals(run.inputChecksum(), inputs.inputChecksum())
        && run.schemaVersion() == inputs.schemaVersion();
  }

  /**
   * Records that a stage's output already exists though it never succeeded in the state store (the
   * warehouse's ledger holds the load of an interrupted attempt, or the state store was recreated),
   * so the state mirrors the warehouse without doing the work again.
   */
  void adopt(
      StageKey key, StageInputs inputs, long rows, String outputChecksum, StageContext context) {
    int attempt = state.last(key).map(StageRun::attempt).orElse(0) + 1;
    var now = settings.clock().instant();
    state.record(
        new StageRun(
            key,
            StageStatus.SUCCEEDED,
            attempt,
            now,
            now,
            rows,
            inputs.specFingerprint(),
            inputs.schemaVersion(),
            inputs.inputChecksum(),
            outputChecksum,
            null,
            context));
  }

  /**
   * Runs {@code action} with the same retries and backoff, without recording anything: for the
   * parts of a stage that must be retried one by one (each notifier), so a retry never repeats what
   * succeeded.
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
