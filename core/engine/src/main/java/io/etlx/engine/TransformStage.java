package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import io.etlx.spi.RowsFile;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageRun;
import io.etlx.transform.TransformResult;
import io.etlx.transform.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Raw → typed rows, stored beside the raw partition as {@code rows.csv.zst}. Skipped while the raw
 * checksum and the transform's fingerprint are those of its last success.
 */
final class TransformStage {
  static final String ROWS = RowsFile.NAME;

  private TransformStage() {}

  /** The transform's outcome: the rows' checksum (the load's input) and count. */
  record Rows(String checksum, long count) {}

  static Rows run(RunContext ctx, RawManifest raw) {
    PartitionKey partition = ctx.partition();
    StageInputs inputs =
        inputs(ctx.fingerprints.transform(), ctx.pipeline.transform().version(), raw);
    RerunRule.Decision decision =
        ctx.decide(
            Stage.TRANSFORM, inputs, new Evidence.Rows(hasRows(ctx.session.rawStore(), partition)));
    if (!decision.run()) {
      ctx.dropEarly();
      StageRun last = ctx.last(Stage.TRANSFORM).orElseThrow();
      ctx.skipped(Stage.TRANSFORM, last.rows(), decision.reason());
      return new Rows(last.outputChecksum(), last.rows());
    }
    StageOutcome outcome =
        ctx.runner.run(
            ctx.stage(Stage.TRANSFORM),
            inputs,
            StageContext.EMPTY,
            ctx.retries,
            () -> transform(ctx, partition, raw));
    ctx.ran(Stage.TRANSFORM, outcome.rows(), decision.runNote());
    return new Rows(outcome.outputChecksum(), outcome.rows());
  }

  /** Whether the partition has a rows file (one written by an earlier version counts). */
  static boolean hasRows(RawStore store, PartitionKey partition) {
    return store.hasArtifact(partition, ROWS) || store.hasArtifact(partition, RowsFile.LEGACY_NAME);
  }

  /** The partition's rows file, a local copy for a remote store. */
  static Optional<Path> rowsFile(RawStore store, PartitionKey partition) {
    return store
        .artifact(partition, ROWS)
        .or(() -> store.artifact(partition, RowsFile.LEGACY_NAME));
  }

  static StageInputs inputs(String fingerprint, int version, RawManifest raw) {
    return new StageInputs(fingerprint, version, raw == null ? null : raw.checksum());
  }

  private static StageOutcome transform(RunContext ctx, PartitionKey partition, RawManifest raw) {
    RawStore store = ctx.session.rawStore();
    Path temp = null;
    try {
      Progress progress = new Progress(ctx.what(Stage.TRANSFORM));
      // rows converted while the extract copied this very raw copy are the same bytes
      Optional<TransformResult> early = ctx.takeEarly(raw.checksum());
      TransformResult result;
      if (early.isPresent()) {
        result = early.get();
        temp = result.rows();
      } else {
        temp = ctx.session.work().newFile("rows-", ".csv.zst");
        result =
            new Transformer(ctx.pipeline.transform())
                .run(
                    store.openRecords(partition),
                    raw.format(),
                    raw.checksum(),
                    ctx.key.date(),
                    raw.schemaVersion(),
                    temp,
                    ctx.what(Stage.TRANSFORM),
                    progress);
      }
      progress.done(result.rowCount());
      store.putArtifact(partition, ROWS, temp);
      CrashPoint.reach("transform:before-record");
      return new StageOutcome(result.rowCount(), result.checksum());
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED, ctx.what(Stage.TRANSFORM) + ": " + e.getMessage(), e);
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
