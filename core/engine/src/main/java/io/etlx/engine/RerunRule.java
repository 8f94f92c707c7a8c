package io.etlx.engine;

import io.etlx.spi.LedgerEntry;
import io.etlx.spi.RawManifest;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a stage runs or is skipped, and why: the one rule the stages, {@code status} and a dry
 * run share. It looks at the stage's last recorded execution, its inputs now, what its output looks
 * like now (the raw partition, the rows file, the warehouse's ledger) and the run's options —
 * nothing else.
 *
 * <p>For the load, the warehouse's ledger is the truth: a load is skipped only while the ledger
 * holds it (the very attempt that was interrupted, or a load of exactly these rows under exactly
 * this spec), never because the state store remembers a success the warehouse no longer shows.
 */
final class RerunRule {
  private RerunRule() {}

  enum Why {
    /** Skipped: inputs and output as when it last succeeded. */
    UP_TO_DATE,
    /**
     * Skipped: the warehouse holds the load though the state store did not record it as succeeded.
     */
    ADOPTED,
    NEVER_RAN,
    /** The last execution never finished: a worker died, or is running now. */
    UNFINISHED,
    FAILED,
    /** Its inputs or its output changed since it succeeded. */
    STALE,
    /** --force, --from-stage or --re-extract. */
    FORCED
  }

  /**
   * @param adopted for {@link Why#ADOPTED}: the ledger entry whose load is recorded as this stage's
   *     success
   */
  record Decision(boolean run, Why why, String reason, LedgerEntry adopted) {
    static Decision run(Why why, String reason) {
      return new Decision(true, why, reason, null);
    }

    static Decision skip(String reason) {
      return new Decision(false, Why.UP_TO_DATE, reason, null);
    }

    static Decision adopt(LedgerEntry entry, String reason) {
      return new Decision(false, Why.ADOPTED, reason, entry);
    }

    /** What a run report says about a stage that ran: only why it ran again when that is news. */
    String runNote() {
      return why == Why.STALE || why == Why.ADOPTED ? reason : "";
    }
  }

  static Decision decide(
      Stage stage, Optional<StageRun> last, StageInputs now, Evidence output, RunOptions options) {
    return switch (stage) {
      case EXTRACT -> extract(last, now, (Evidence.Raw) output, options);
      case TRANSFORM -> transform(last, now, (Evidence.Rows) output, options);
      case LOAD -> load(last, now, (Evidence.Ledger) output, options);
      case NOTIFY -> notify(last, now, options);
    };
  }

  /**
   * Why a model's extract must read its upstream tables again, or null: one of them loaded this
   * date again since (or the last extract did not finish over these loads).
   */
  private static Decision upstreamReloaded(Optional<StageRun> last, StageInputs now) {
    if (last.isEmpty()) {
      return Decision.run(Why.STALE, "no record of the extract: reading the upstream tables again");
    }
    StageRun run = last.get();
    if (run.status() == StageStatus.SUCCEEDED && now.inputChecksum().equals(run.inputChecksum())) {
      return null;
    }
    if (run.status() != StageStatus.SUCCEEDED
        && run.outputChecksum() != null
        && now.inputChecksum().equals(run.inputChecksum())) {
      return null; // a failed attempt over the loads the standing partition was read from
    }
    List<String> reloaded = Upstreams.reloaded(run.inputChecksum(), now.inputChecksum());
    if (reloaded.remove(Upstreams.QUERY)) {
      return Decision.run(
          Why.STALE,
          "stale: the model's query changed since the extract"
              + (reloaded.isEmpty()
                  ? ""
                  : ", and " + String.join(", ", reloaded) + " loaded this date again")
              + ": reading again");
    }
    return Decision.run(
        Why.STALE,
        reloaded.isEmpty()
            ? "the last extract did not finish over the upstream loads: reading them again"
            : "stale: "
                + String.join(", ", reloaded)
                + " loaded this date again since the extract: reading "
                + (reloaded.size() == 1 ? "it" : "them")
                + " again");
  }

  private static Decision extract(
      Optional<StageRun> last, StageInputs now, Evidence.Raw raw, RunOptions options) {
    if (raw.manifest().isPresent()) {
      RawManifest manifest = raw.manifest().get();
      if (options.rerun(Stage.EXTRACT)) {
        return Decision.run(Why.FORCED, "--re-extract: fetching again; the older copy is kept");
      }
      if (now.inputChecksum() != null) {
        // a model: its source is the upstream tables, read again when one of them loaded again
        Decision stale = upstreamReloaded(last, now);
        if (stale != null) {
          return stale;
        }
      }
      return Decision.skip(
          "raw partition exists (fetched "
              + manifest.fetchedAt()
              + "); --re-extract fetches it again");
    }
    if (last.isPresent() && last.get().status() == StageStatus.SUCCEEDED) {
      return Decision.run(Why.STALE, "raw partition missing: a rerun extracts again");
    }
    return notSucceeded(last);
  }

  private static Decision transform(
      Optional<StageRun> last, StageInputs now, Evidence.Rows rows, RunOptions options) {
    if (options.rerun(Stage.TRANSFORM)) {
      return Decision.run(Why.FORCED, "forced");
    }
    if (failedOverAStandingResult(last, now) && rows.present()) {
      return Decision.skip(
          "unchanged raw data and spec; its last, forced attempt failed but the result before it"
              + " stands");
    }
    if (last.isEmpty() || last.get().status() != StageStatus.SUCCEEDED) {
      return notSucceeded(last);
    }
    StageRun run = last.get();
    if (now.inputChecksum() == null) {
      return Decision.run(Why.STALE, "stale: its raw partition is missing");
    }
    if (!now.inputChecksum().equals(run.inputChecksum())) {
      return Decision.run(Why.STALE, "stale: raw data changed since it last ran");
    }
    if (!Objects.equals(now.specFingerprint(), run.specFingerprint())) {
      return Decision.run(Why.STALE, "stale: transform spec changed since it last ran");
    }
    if (!rows.present()) {
      return Decision.run(Why.STALE, "stale: its rows file is missing");
    }
    return Decision.skip("unchanged raw data and spec");
  }

  private static Decision load(
      Optional<StageRun> last, StageInputs now, Evidence.Ledger ledger, RunOptions options) {
    if (options.rerun(Stage.LOAD)) {
      return Decision.run(Why.FORCED, "forced");
    }
    if (!ledger.consulted()) {
      return loadFromStateOnly(last, now, ledger.notConsulted());
    }
    Optional<LedgerEntry> entry = ledger.entry();
    if (entry.isPresent()
        && last.isPresent()
        && sameLoad(last.get(), entry.get())
        && sameInputs(last.get(), now)) {
      return switch (last.get().status()) {
        case SUCCEEDED, SKIPPED -> Decision.skip("unchanged rows and spec");
        case RUNNING ->
            Decision.adopt(
                entry.get(),
                "committed by the interrupted attempt (the warehouse's ledger"
                    + " holds it); not applied again");
        case FAILED ->
            Decision.adopt(
                entry.get(),
                "committed by the last attempt though it reported a failure"
                    + " (the warehouse's ledger holds it); not applied again");
      };
    }
    if (entry.isPresent() && entry.get().holds(now.inputChecksum(), now.specFingerprint())) {
      return Decision.adopt(
          entry.get(),
          "the warehouse already holds these rows under this spec (ledger, committed "
              + entry.get().committedAt()
              + "); not applied again");
    }
    if (last.isEmpty() || last.get().status() != StageStatus.SUCCEEDED) {
      Decision decision = notSucceeded(last);
      return last.isPresent() && last.get().status() == StageStatus.RUNNING
          ? Decision.run(
              Why.UNFINISHED,
              "did not finish and did not commit (the warehouse's ledger lacks it);"
                  + " a rerun loads again")
          : decision;
    }
    StageRun run = last.get();
    if (!Objects.equals(now.inputChecksum(), run.inputChecksum())) {
      return Decision.run(Why.STALE, "stale: rows changed since it last ran");
    }
    if (!Objects.equals(now.specFingerprint(), run.specFingerprint())) {
      return Decision.run(Why.STALE, "stale: load spec changed since it last ran");
    }
    return entry.isEmpty()
        ? Decision.run(
            Why.STALE,
            "the warehouse holds no load of this date (table dropped or recreated?);"
                + " a rerun loads again")
        : Decision.run(
            Why.STALE,
            "the warehouse holds another load of this date (committed "
                + entry.get().committedAt()
                + "); a rerun loads this one again");
  }

  /** Status when the warehouse cannot be consulted: the state store's word, marked as such. */
  private static Decision loadFromStateOnly(Optional<StageRun> last, StageInputs now, String why) {
    if (last.isEmpty() || last.get().status() != StageStatus.SUCCEEDED) {
      return notSucceeded(last);
    }
    if (!sameInputs(last.get(), now)) {
      return Decision.run(
          Why.STALE,
          !Objects.equals(now.inputChecksum(), last.get().inputChecksum())
              ? "stale: rows changed since it last ran"
              : "stale: load spec changed since it last ran");
    }
    return Decision.skip("unchanged rows and spec (warehouse not consulted: " + why + ")");
  }

  private static Decision notify(Optional<StageRun> last, StageInputs now, RunOptions options) {
    if (options.rerun(Stage.NOTIFY)) {
      return Decision.run(Why.FORCED, "forced");
    }
    if (last.isEmpty() || last.get().status() != StageStatus.SUCCEEDED) {
      return notSucceeded(last);
    }
    if (now.inputChecksum() != null && now.inputChecksum().equals(last.get().inputChecksum())) {
      return Decision.skip("already notified for this load");
    }
    return Decision.run(Why.STALE, "a new load to notify about");
  }

  private static Decision notSucceeded(Optional<StageRun> last) {
    if (last.isEmpty()) {
      return Decision.run(Why.NEVER_RAN, "");
    }
    if (last.get().status() == StageStatus.RUNNING) {
      return Decision.run(
          Why.UNFINISHED, "did not finish (running now, or the worker died); a rerun resumes it");
    }
    return Decision.run(Why.FAILED, last.get().error() == null ? "failed" : last.get().error());
  }

  /** A failed attempt that left the previous success's output in place (see StageRunner). */
  private static boolean failedOverAStandingResult(Optional<StageRun> last, StageInputs now) {
    return last.isPresent()
        && last.get().status() == StageStatus.FAILED
        && last.get().outputChecksum() != null
        && sameInputs(last.get(), now);
  }

  private static boolean sameLoad(StageRun run, LedgerEntry entry) {
    return run.context().loadId() != null && run.context().loadId().equals(entry.loadId());
  }

  private static boolean sameInputs(StageRun run, StageInputs now) {
    return Objects.equals(now.inputChecksum(), run.inputChecksum())
        && Objects.equals(now.specFingerprint(), run.specFingerprint());
  }
}
