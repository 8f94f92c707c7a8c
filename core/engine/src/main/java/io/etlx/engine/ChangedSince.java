package io.etlx.engine;

import io.etlx.delta.RowsDelta;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WriteMode;
import io.etlx.state.Stage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of a reload that changed since the date's last load, so the warehouse stages only those:
 * a rerun after a source changed a tenth of its rows stages and merges a tenth of them. Offered
 * only for an upsert without data checks whose last load ran under the same spec and is the table's
 * latest; the rows file of that load is found beside the raw copy a re-extract replaced (checked
 * against the ledger's checksum of it), and the warehouse, inside the load's transaction, still
 * stages every row unless its ledger shows the table holds exactly that load. A forced load ({@code
 * --force}, {@code --from-stage load}) and a rebuild stage every row. Anything that keeps the
 * comparison from finishing only means every row is staged.
 */
final class ChangedSince {
  private static final Logger LOG = LoggerFactory.getLogger(ChangedSince.class);

  /** Beyond this many rows the comparison's buckets would not fit its memory bound. */
  private static final long MAX_ROWS = 500_000_000L;

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
    long expectedRows = Math.max(basis.rows(), rows.count());
    String why = whyEveryRow(ctx, target, basis, expectedRows);
    if (why != null) {
      LOG.info("{}: staging every row: {}", what, why);
      return Rows.NONE;
    }
    try {
      Optional<Path> older =
          ctx.session
              .rawStore()
              .earlierArtifact(ctx.partition(), basis.rawChecksum(), TransformStage.ROWS);
      if (older.isEmpty()) {
        LOG.info(
            "{}: staging every row: the rows file the date's last load staged is not kept (a"
                + " re-extract keeps it beside the replaced raw copy; a transform that ran again"
                + " over the same raw copy replaced it)",
            what);
        return Rows.NONE;
      }
      LOG.info("{}: comparing the rows with those of the date's last load", what);
      RowsDelta.Outcome outcome =
          RowsDelta.compare(
              older.get(),
              basis.rowsChecksum(),
              file,
              target.primaryKey(),
              expectedRows,
              ctx.session.work()::newFile);
      if (outcome instanceof RowsDelta.Changed changed) {
        LOG.info(
            "{}: {} rows changed since the date's last load, {} unchanged",
            what,
            changed.changed(),
            changed.unchanged());
        return new Rows(
            new LoadRequest.ChangedRows(changed.rows(), basis.loadId(), changed.unchanged()));
      }
      LOG.info("{}: staging every row: {}", what, ((RowsDelta.Whole) outcome).why());
      return Rows.NONE;
    } catch (IOException | RuntimeException e) {
      // a raw store that failed here fails the load itself if it is still failing
      LOG.info("{}: staging every row: the rows could not be compared ({})", what, e.toString());
      return Rows.NONE;
    }
  }

  /** Why the comparison is not worth trying, or null when it is. */
  private static String whyEveryRow(
      RunContext ctx, TableSpec target, LedgerEntry basis, long expectedRows) {
    if (basis.loadId() == null || basis.rowsChecksum() == null) {
      return "the date's last load was made by an earlier etlx, whose ledger does not name its"
          + " rows file";
    }
    if (!basis.specFingerprint().equals(ctx.fingerprints.load())) {
      return "the date's last load ran under another spec";
    }
    for (String key : target.primaryKey()) {
      TableSpec.Column column = target.column(key);
      if (column != null && column.type().kind() == ColumnType.Kind.DOUBLE) {
        // -0.0 and 0.0 are one key to the warehouse, two texts to the comparison
        return "key column " + key + " is a double";
      }
    }
    if (expectedRows > MAX_ROWS) {
      return "more than " + MAX_ROWS + " rows";
    }
    try {
      if (!ctx.session.warehouse().isLatestLoad(target, basis)) {
        return "a later load of the table (another date or pipeline) may have written the same"
            + " keys";
      }
    } catch (RuntimeException e) {
      return "the ledger could not be read (" + e.getMessage() + ")";
    }
    return null;
  }
}
