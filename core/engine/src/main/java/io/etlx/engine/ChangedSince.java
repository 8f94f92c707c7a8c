package io.etlx.engine;

import io.etlx.delta.RowsDelta;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WriteMode;
import io.etlx.state.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a reload that changed since the date's last load, so the warehouse stages only those:
 * a rerun after a source changed a tenth of its rows stages and merges a tenth of them. Offered
 * only for an upsert without data checks whose last load ran under the same spec; the rows file of
 * that load is found beside the raw copy a re-extract replaced (checked against the ledger's
 * checksum of it), and the warehouse, inside the load's transaction, still stages every row unless
 * its ledger shows the table holds exactly that load. A forced load ({@code --force}, {@code
 * --from-stage load}) and a rebuild stage every row.
 */
final class ChangedSince {
  private static final Logger LOG = LoggerFactory.getLogger(ChangedSince.class);

  private ChangedSince() {}

  /** The changed rows to offer the warehouse (null: none), and the file to delete after. */
  record Rows(LoadRequest.ChangedRows request) {
    static final Rows NONE = new Rows(null);

    void delete() {
      if (request != null) {
        TransformStage.deleteQuietly(request.rows());
      }
    }
  }

  /**
   * @param basis the ledger's entry for the date (null: none, or the load must stage every row)
   */
  static Rows find(
      RunContext ctx, TableSpec target, LedgerEntry basis, Path file, TransformStage.Rows rows) {
    if (basis == null
        || target.mode() != WriteMode.UPSERT
        || target.primaryKey().isEmpty()
        || !target.checks().isEmpty()) {
      return Rows.NONE;
    }
    String what = ctx.what(Stage.LOAD);
    if (basis.loadId() == null
        || basis.rowsChecksum() == null
        || !basis.specFingerprint().equals(ctx.fingerprints.load())) {
      LOG.info("{}: staging every row: the date's last load ran under another spec", what);
      return Rows.NONE;
    }
    Optional<Path> older =
        ctx.session
            .rawStore()
            .earlierArtifact(ctx.partition(), basis.rawChecksum(), TransformStage.ROWS);
    if (older.isEmpty()) {
      LOG.info("{}: staging every row: the rows file of the date's last load is not kept", what);
      return Rows.NONE;
    }
    try {
      RowsDelta.Outcome outcome =
          RowsDelta.compare(
              older.get(),
              basis.rowsChecksum(),
              file,
              target.primaryKey(),
              Math.max(basis.rows(), rows.count()),
              ctx.session.work()::newFile);
      if (outcome instanceof RowsDelta.Changed changed) {
        LOG.info(
            "{}: {} rows changed since the date's last load, {} unchanged",
            what,
            changed.changed(),
            changed.unchanged());
        return new Rows(
            new LoadRequest.ChangedRows(
                changed.rows(), basis.loadId(), changed.changed(), changed.unchanged()));
      }
      LOG.info("{}: staging every row: {}", what, ((RowsDelta.Whole) outcome).why());
      return Rows.NONE;
    } catch (IOException | UncheckedIOException e) {
      LOG.info(
          "{}: staging every row: the rows could not be compared with the last load's ({})",
          what,
          e.getMessage());
      return Rows.NONE;
    }
  }
}
