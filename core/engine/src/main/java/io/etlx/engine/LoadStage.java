package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.spi.DataCheck.Severity;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.RawManifest;
import io.etlx.spi.TableSpec;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Rows → warehouse through the dialect, in one transaction with the ledger row. Each attempt gets a
 * load id, recorded before it starts and written into the ledger by its transaction, so after a
 * crash the warehouse answers whether that very attempt committed.
 */
final class LoadStage {
  private LoadStage() {}

  /**
   * The load notify reports on: the id the ledger holds for it and the rows written. {@code
   * beforeHistory} when the state store had no record of it at all (the state store was lost or
   * recreated): the run that committed it also notified, so it is not announced again. {@code
   * skipped} when this run did not load (an earlier one did).
   */
  record Loaded(
      String loadId,
      long rows,
      boolean beforeHistory,
      List<CheckResult> warnings,
      boolean skipped) {}

  static Loaded run(RunContext ctx, RawManifest raw, TransformStage.Rows rows) {
    TableSpec table = Tables.of(ctx.pipeline, ctx.session);
    Rebuild.removeAbandonedShadow(ctx.session, ctx, table);
    return run(ctx, raw, rows, table, true);
  }

  /** Loads into a rebuild's shadow table: every row of the rows file. */
  static Loaded run(RunContext ctx, RawManifest raw, TransformStage.Rows rows, TableSpec shadow) {
    return run(ctx, raw, rows, shadow, false);
  }

  /**
   * Loads into {@code target}; {@code changedOnly}: whether the load may stage only the rows that
   * changed since the date's earlier load (see {@link ChangedSince}).
   */
  private static Loaded run(
      RunContext ctx,
      RawManifest raw,
      TransformStage.Rows rows,
      TableSpec target,
      boolean changedOnly) {
    StageInputs inputs =
        inputs(ctx.fingerprints.load(), ctx.pipeline.transform().version(), rows.checksum());
    Evidence.Ledger ledger =
        ctx.options.rerun(Stage.LOAD)
            ? Evidence.Ledger.unknown("forced")
            : Evidence.Ledger.of(
                ctx.session.warehouse().ledger(target, ctx.key.pipeline(), ctx.key.date()));
    RerunRule.Decision decision = ctx.decide(Stage.LOAD, inputs, ledger);
    if (!decision.run()) {
      boolean beforeHistory = ctx.last(Stage.LOAD).isEmpty();
      if (decision.adopted() != null) {
        LedgerEntry entry = decision.adopted();
        ctx.runner.adopt(
            ctx.stage(Stage.LOAD),
            inputs,
            entry.rows(),
            rows.checksum(),
            StageContext.load(entry.loadId()));
      }
      var last = ctx.last(Stage.LOAD).orElseThrow();
      ctx.skipped(Stage.LOAD, last.rows(), decision.reason());
      return new Loaded(
          last.context().loadId(), last.rows(), beforeHistory, last.context().warnings(), true);
    }
    String loadId = UUID.randomUUID().toString();
    // a forced load's evidence holds no entry: it stages every row
    LedgerEntry basis = changedOnly ? ledger.entry().orElse(null) : null;
    Attempt[] result = new Attempt[1];
    ctx.runner.run(
        ctx.stage(Stage.LOAD),
        inputs,
        StageContext.load(loadId),
        ctx.retries,
        () -> {
          result[0] = load(ctx, raw, rows, target, loadId, basis);
          LoadResult done = result[0].result();
          return new StageOutcome(
              done.rowsWritten(), rows.checksum(), StageContext.load(done.loadId(), done.checks()));
        });
    LoadResult r = result[0].result();
    String note =
        r.alreadyLoaded()
            ? "the warehouse already holds this load (ledger); not applied again"
            : r.rowsStaged()
                + " staged"
                + (r.rowsUnchanged() > 0
                    ? " ("
                        + r.rowsUnchanged()
                        + " unchanged since the date's last load: not staged)"
                    : result[0].changedOffered()
                        ? " (every row: the ledger shows a later load of the table)"
                        : "")
                + ", "
                + r.rowsWritten()
                + " written"
                + (r.rowsDeleted() > 0 ? ", " + r.rowsDeleted() + " deleted" : "")
                + (r.rowsRejected() > 0
                    ? ", " + r.rowsRejected() + " set aside in _etlx_rejects"
                    : "")
                + checks(r.checks());
    String why = decision.runNote();
    ctx.ran(Stage.LOAD, r.rowsWritten(), why.isEmpty() ? note : why + "; " + note, r.checks());
    List<CheckResult> warnings = r.checks().stream().filter(CheckResult::isWarning).toList();
    return new Loaded(r.loadId(), r.rowsWritten(), false, warnings, false);
  }

  /** {@code "; checks: 5 passed, 1 warned, 1 quarantined"}, or empty when there were none. */
  static String checks(List<CheckResult> checks) {
    if (checks.isEmpty()) {
      return "";
    }
    long passed = checks.stream().filter(CheckResult::passed).count();
    long warned =
        checks.stream().filter(c -> c.isWarning() && c.severity() == Severity.WARN).count();
    long quarantined =
        checks.stream().filter(c -> c.isWarning() && c.severity() == Severity.QUARANTINE).count();
    return "; checks: "
        + passed
        + " passed"
        + (warned > 0 ? ", " + warned + " warned" : "")
        + (quarantined > 0 ? ", " + quarantined + " quarantined" : "");
  }

  static StageInputs inputs(String fingerprint, int version, String rowsChecksum) {
    return new StageInputs(fingerprint, version, rowsChecksum);
  }

  /** A load's result, and whether the warehouse was offered the changed rows only. */
  private record Attempt(LoadResult result, boolean changedOffered) {}

  private static Attempt load(
      RunContext ctx,
      RawManifest raw,
      TransformStage.Rows rows,
      TableSpec target,
      String loadId,
      LedgerEntry basis) {
    Path file =
        TransformStage.rowsFile(ctx.session.rawStore(), ctx.partition())
            .orElseThrow(
                () ->
                    new EtlxException(
                        ErrorCode.NO_RAW_DATA,
                        "no transformed rows for "
                            + ctx.key
                            + ": rerun with --from-stage transform"));
    RowsIntegrity.check(ctx.what(Stage.LOAD), file, rows.checksum());
    LedgerEntry ledger =
        new LedgerEntry(
            ctx.key.pipeline(),
            ctx.key.environment(),
            ctx.key.date(),
            loadId,
            raw.checksum(),
            rows.checksum(),
            ctx.fingerprints.load(),
            rows.count(),
            ctx.clock.instant(),
            raw.sourceState());
    ChangedSince.Rows changed = ChangedSince.find(ctx, target, basis, file, rows);
    try {
      LoadResult result =
          ctx.session
              .warehouse()
              .load(new LoadRequest(target, file, ledger, CRASH_POINTS, changed.request()));
      return new Attempt(result, changed.request() != null);
    } finally {
      changed.delete();
    }
  }

  /** The crash tests halt the process right before and right after the load's commit. */
  private static final LoadRequest.CommitHooks CRASH_POINTS =
      new LoadRequest.CommitHooks() {
        @Override
        public void beforeCommit() {
          CrashPoint.reach("load:before-commit");
        }

        @Override
        public void afterCommit() {
          CrashPoint.reach("load:after-commit");
        }
      };
}
