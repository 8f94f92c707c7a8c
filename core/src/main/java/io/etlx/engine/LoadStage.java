package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.PipelineSpec;
import io.etlx.spec.WriteMode;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.TableSpec;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Rows → warehouse through the dialect, in one transaction with the ledger row. Skipped while the rows
 * and the load's fingerprint are those of its last success. When the last attempt died mid-load, the
 * ledger decides whether it had committed.
 */
final class LoadStage {
  private LoadStage() {}

  /** The load's identity (what notify reports on) and rows written. */
  record Loaded(String identity, long rows) {}

  static Loaded run(RunContext ctx, RawManifest raw, TransformStage.Rows rows) {
    Optional<StageRun> last = ctx.last(Stage.LOAD);
    String fingerprint = ctx.fingerprints.load();
    if (!ctx.options.rerun(Stage.LOAD) && last.isPresent() && last.get().status() == StageStatus.SUCCEEDED
        && rows.checksum().equals(last.get().inputChecksum()) && fingerprint.equals(last.get().specFingerprint())) {
      ctx.skipped(Stage.LOAD, last.get().rows(), "unchanged rows and spec");
      return new Loaded(identity(last.get()), last.get().rows());
    }
    boolean unsure = last.isPresent() && last.get().status() == StageStatus.RUNNING;
    PipelineSpec p = ctx.pipeline;
    boolean skipIfLedgered = unsure || p.sink().mode() == WriteMode.APPEND;
    LoadResult[] result = new LoadResult[1];
    StageRunner.Inputs inputs = new StageRunner.Inputs(fingerprint, p.transform().version(), rows.checksum());
    ctx.runner.run(ctx.stage(Stage.LOAD), inputs, ctx.retries, () -> {
      result[0] = load(ctx, raw, fingerprint, rows, skipIfLedgered);
      return new StageOutcome(result[0].rowsWritten(), rows.checksum());
    });
    LoadResult r = result[0];
    String note = r.alreadyLoaded()
        ? "already committed by an earlier attempt (ledger); not applied again"
        : r.rowsStaged() + " staged, " + r.rowsWritten() + " written" + (r.rowsDeleted() > 0 ? ", " + r.rowsDeleted() + " deleted" : "");
    ctx.ran(Stage.LOAD, r.rowsWritten(), note);
    return new Loaded(identity(ctx.last(Stage.LOAD).orElseThrow()), r.rowsWritten());
  }

  private static LoadResult load(
      RunContext ctx, RawManifest raw, String fingerprint, TransformStage.Rows rows, boolean skipIfLedgered) {
    PartitionKey partition = new PartitionKey(ctx.key.pipeline(), ctx.key.date());
    Path file = ctx.session.rawStore().artifact(partition, TransformStage.ROWS).orElseThrow(() -> new EtlxException(
        ErrorCode.NO_RAW_DATA, "no transformed rows for " + ctx.key + ": rerun with --from-stage transform"));
    LedgerEntry ledger = new LedgerEntry(ctx.key.pipeline(), ctx.key.environment(), ctx.key.date(), raw.checksum(),
        fingerprint, rows.count(), Instant.now());
    return ctx.session.warehouse().load(new LoadRequest(table(ctx), file, ledger, skipIfLedgered));
  }

  static TableSpec table(RunContext ctx) {
    return Tables.of(ctx.pipeline, ctx.session);
  }

  private static String identity(StageRun load) {
    return "load#" + load.attempt() + "@" + load.startedAt();
  }
}
