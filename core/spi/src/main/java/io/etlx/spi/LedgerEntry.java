package io.etlx.spi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of the warehouse's {@code _etlx_loads} ledger, written in the same transaction as the data:
 * the proof that a load committed. The ledger keeps one row per table, pipeline and date — the load
 * whose data the table holds — so it, not the state store, decides whether a rerun must load again.
 *
 * @param loadId unique per load attempt, chosen before the load starts: a rerun after a crash asks
 *     whether that very attempt committed (null in rows written before load ids existed)
 * @param rowsChecksum the SHA-256 of the rows file loaded (null in rows written before it was kept)
 * @param committedAt when the load ran, in UTC
 * @param sourceState the state an incremental source saved with this date's raw data, committed
 *     here with the data so the next date's extract resumes from what the table really holds (null
 *     for most sources)
 */
public record LedgerEntry(
    String pipeline,
    String environment,
    LocalDate date,
    String loadId,
    String rawChecksum,
    String rowsChecksum,
    String specFingerprint,
    long rows,
    Instant committedAt,
    String sourceState) {

  /** Whether this entry records a load of exactly these rows under exactly this spec. */
  public boolean holds(String rows, String fingerprint) {
    return rows != null && rows.equals(rowsChecksum) && fingerprint.equals(specFingerprint);
  }
}
