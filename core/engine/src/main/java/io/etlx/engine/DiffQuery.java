package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.DiffResult;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.transform.TransformResult;
import io.etlx.transform.Transformer;
import io.etlx.validate.ResolvedPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a rerun of one date would change: the raw partition is transformed afresh with the current
 * spec (nothing is stored or recorded) and compared with the warehouse inside a transaction that is
 * rolled back.
 */
public final class DiffQuery {
  private DiffQuery() {}

  public static DiffResult run(
      EnvironmentSession session, ResolvedPipeline resolved, LocalDate date, int samples) {
    String pipeline = resolved.pipeline().name();
    PartitionKey partition = new PartitionKey(pipeline, date);
    RawManifest raw =
        session
            .rawStore()
            .manifest(partition)
            .orElseThrow(
                () ->
                    new EtlxException(
                        ErrorCode.NO_RAW_DATA,
                        "no raw data for "
                            + pipeline
                            + " on "
                            + date
                            + ": run it first (etlx run "
                            + pipeline
                            + " --date "
                            + date
                            + ")"));
    Path rows = null;
    try {
      rows = session.work().newFile("diff-", ".csv.zst");
      TransformResult result =
          new Transformer(resolved.pipeline().transform())
              .run(
                  session.rawStore().openRecords(partition),
                  raw.format(),
                  raw.checksum(),
                  date,
                  raw.schemaVersion(),
                  rows,
                  "diff of " + pipeline + " " + date,
                  n -> {});
      LedgerEntry ledger =
          new LedgerEntry(
              pipeline,
              resolved.environment().name(),
              date,
              "diff",
              raw.checksum(),
              result.checksum(),
              Fingerprints.of(resolved.tree(), resolved.environment()).load(),
              result.rowCount(),
              Instant.EPOCH,
              null); // never written: the diff rolls back
      return session
          .warehouse()
          .diff(new LoadRequest(Tables.of(resolved.pipeline(), session), rows, ledger), samples);
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED,
          "diff of " + pipeline + " " + date + ": " + e.getMessage(),
          e);
    } finally {
      TransformStage.deleteQuietly(rows);
    }
  }
}
