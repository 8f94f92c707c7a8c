package io.etlx.spi;

import java.nio.file.Path;

/**
 * One load: the {@link RowsFile rows file} into the table, with the ledger entry to write in the
 * same transaction. When the table's ledger already holds {@code ledger.loadId()} for the date,
 * that very load committed (an earlier try of the same attempt whose commit's answer was lost): it
 * is not applied again.
 *
 * @param changed when not null, the rows of {@code rows} that differ from those of an earlier load
 *     of the date: the warehouse may stage only these, if it finds inside the load's transaction
 *     that the table still holds exactly that load's rows (see {@link ChangedRows})
 */
public record LoadRequest(
    TableSpec table, Path rows, LedgerEntry ledger, CommitHooks hooks, ChangedRows changed) {
  public LoadRequest(TableSpec table, Path rows, LedgerEntry ledger) {
    this(table, rows, ledger, CommitHooks.NONE, null);
  }

  public LoadRequest(TableSpec table, Path rows, LedgerEntry ledger, CommitHooks hooks) {
    this(table, rows, ledger, hooks, null);
  }

  /**
   * The same load, of another rows file (the changed rows, when the warehouse stages only those).
   */
  public LoadRequest withRows(Path otherRows) {
    return new LoadRequest(table, otherRows, ledger, hooks, null);
  }

  /**
   * The rows of the load's rows file that are not, as the very same line, in the rows file of the
   * date's load {@code basisLoadId} ({@code unchanged} rows are). Staging only these gives the
   * table the same rows as staging the whole file — in upsert mode, without data checks, and as
   * long as the table holds exactly the basis load's rows: the ledger's entry for the date is that
   * load, and no load of the table (any date, any pipeline) came after it. The warehouse checks the
   * ledger inside the load's transaction and stages the whole file when it finds otherwise.
   */
  public record ChangedRows(Path rows, String basisLoadId, long unchanged) {}

  /**
   * Called by the warehouse right before and right after the load's commit: the moments a crash
   * matters most (the engine's crash tests halt the process there).
   */
  public interface CommitHooks {
    CommitHooks NONE = new CommitHooks() {};

    default void beforeCommit() {}

    default void afterCommit() {}
  }
}
