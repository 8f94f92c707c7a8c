package io.etlx.spi;

import java.time.LocalDate;
import java.util.Optional;

/** A connection to a warehouse through its dialect. */
public interface Warehouse extends AutoCloseable {
  /**
   * Creates the schema and table if missing, applies additive column changes, then — in one
   * transaction — stages the rows, checks key uniqueness and non-null keys, merges by the write mode and
   * writes the ledger row.
   */
  LoadResult load(LoadRequest request);

  /** The latest ledger entry of a pipeline and date in a schema, if any. */
  Optional<LedgerEntry> ledger(String schema, String pipeline, LocalDate date);

  /** Runs a read query (e.g. a report) and returns at most {@code maxRows} rows. */
  QueryResult query(String sql, int maxRows);

  @Override
  void close();
}
