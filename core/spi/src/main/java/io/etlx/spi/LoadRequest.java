package io.etlx.spi;

import java.nio.file.Path;

/**
 * One load: the rows file (gzip-compressed CSV with a header, columns in table order, unquoted
 * empty field = NULL, every other value quoted) into the table, with the ledger entry to write in
 * the same transaction. When the table's ledger already holds {@code ledger.loadId()} for the date,
 * that very load committed (an earlier try of the same attempt whose commit's answer was lost): it
 * is not applied again.
 */
public record LoadRequest(TableSpec table, Path rows, LedgerEntry ledger, CommitHooks hooks) {
  public LoadRequest(TableSpec table, Path rows, LedgerEntry ledger) {
    this(table, rows, ledger, CommitHooks.NONE);
  }

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
