package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CrashPoint;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.transform.TransformResult;
import io.etlx.transform.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Raw → typed rows, stored beside the raw partition as {@code rows.csv.gz}. Skipped while the raw
 * checksum and the transform's fingerprint are those of its last success.
 */
final class TransformStage {
  static final String ROWS = "rows.csv.gz";

  private TransformStage() {}

  /** The transform's outcome: the rows' checksum (the load's input) and count. */
  record Rows(String checksum, long count) {}

  static Rows run(RunContext ctx, RawManifest raw) {
    PartitionKey partition = new PartitionKey(ctx.key.pipeline(), ctx.key.date());
    RawStore store = ctx.session.rawStore();
    Optional<StageRun> last = ctx.last(Stage.TRANSFORM);
    String fingerprint = ctx.fingerprints.transform();
    if (!ctx.options.rerun(Stage.TRANSFORM) && last.isPresent() && upToDate(last.get(), raw, fingerprint)
        && store.artifact(partition, ROWS).isPresent()) {
      ctx.skipped(Stage.TRANSFORM, last.get().rows(), "unchanged raw data and spec");
      return new Rows(last.get().outputChecksum(), last.get().rows());
    }
    String note = last.filter(run -> run.status() == StageStatus.SUCCEEDED)
        .map(run -> staleReason(run, raw, fingerprint)).orElse("");
    StageRunner.Inputs inputs = new StageRunner.Inputs(fingerprint, ctx.pipeline.transform().version(), raw.checksum());
    StageOutcome outcome = ctx.runner.run(ctx.stage(Stage.TRANSFORM), inputs, ctx.retries,
        () -> transform(ctx, partition, raw.schemaVersion()));
    ctx.ran(Stage.TRANSFORM, outcome.rows(), note);
    return new Rows(outcome.outputChecksum(), outcome.rows());
  }

  static boolean upToDate(StageRun last, RawManifest raw, String fingerprint) {
    return last.status() == StageStatus.SUCCEEDED && raw.checksum().equals(last.inputChecksum())
        && fingerprint.equals(last.specFingerprint());
  }

  static String staleReason(StageRun last, RawManifest raw, String fingerprint) {
    if (!raw.checksum().equals(last.inputChecksum())) {
      return "stale: raw data changed since it last ran";
    }
    return fingerprint.equals(last.specFingerprint()) ? "" : "stale: transform spec changed since it last ran";
  }

  private static StageOutcome transform(RunContext ctx, PartitionKey partition, int rawVersion) {
    RawStore store = ctx.session.rawStore();
    Path temp = null;
    try {
      temp = Files.createTempFile("etlx-rows-", ".csv.gz");
      Progress progress = new Progress(ctx.what(Stage.TRANSFORM));
      TransformResult result = new Transformer(ctx.pipeline.transform())
          .run(store.openRecords(partition), ctx.key.date(), rawVersion, temp, ctx.what(Stage.TRANSFORM), progress);
      progress.done(result.rowCount());
      store.putArtifact(partition, ROWS, temp);
      CrashPoint.reach("transform:before-record");
      return new StageOutcome(result.rowCount(), result.checksum());
    } catch (IOException e) {
      throw new EtlxException(ErrorCode.RAW_STORE_FAILED, ctx.what(Stage.TRANSFORM) + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temp file is harmless
    }
  }
}
