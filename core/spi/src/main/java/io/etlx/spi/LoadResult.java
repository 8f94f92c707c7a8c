package io.etlx.spi;

import java.util.List;

/**
 * What a load did. {@code alreadyLoaded} is true when the ledger showed the load had committed
 * before (then nothing was written); {@code loadId} is the id of the load the ledger now holds for
 * the date. {@code rowsRejected} rows failed a quarantine check and went to the rejects table
 * instead of the target; {@code checks} holds the outcome of every data check the batch went
 * through (empty when nothing was loaded); {@code rowsUnchanged} rows of the rows file were not
 * staged because the table already held them as the date's earlier load wrote them (see {@link
 * LoadRequest.ChangedRows}).
 */
public record LoadResult(
    long rowsStaged,
    long rowsWritten,
    long rowsDeleted,
    boolean alreadyLoaded,
    String loadId,
    long rowsRejected,
    List<CheckResult> checks,
    long rowsUnchanged) {
  public LoadResult {
    checks = List.copyOf(checks);
  }

  /** A load that staged every row of its rows file. */
  public LoadResult(
      long rowsStaged,
      long rowsWritten,
      long rowsDeleted,
      boolean alreadyLoaded,
      String loadId,
      long rowsRejected,
      List<CheckResult> checks) {
    this(rowsStaged, rowsWritten, rowsDeleted, alreadyLoaded, loadId, rowsRejected, checks, 0);
  }

  /** A load without data checks. */
  public LoadResult(
      long rowsStaged, long rowsWritten, long rowsDeleted, boolean alreadyLoaded, String loadId) {
    this(rowsStaged, rowsWritten, rowsDeleted, alreadyLoaded, loadId, 0, List.of(), 0);
  }
}
