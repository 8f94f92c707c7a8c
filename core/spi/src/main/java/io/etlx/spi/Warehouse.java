package io.etlx.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A connection to a warehouse through its dialect. */
public interface Warehouse extends AutoCloseable {
  /**
   * Creates the schema and table if missing, applies additive column changes, then — in one
   * transaction — stages the rows, checks key uniqueness and non-null keys, merges by the write
   * mode and writes the ledger row. A load whose id the ledger already holds is not applied again.
   */
  LoadResult load(LoadRequest request);

  /**
   * The ledger entry of a pipeline and date in {@code table}: the load whose data the table holds;
   * empty when there is none or the table does not exist.
   */
  Optional<LedgerEntry> ledger(TableSpec table, String pipeline, LocalDate date);

  /**
   * Whether {@code entry} is the latest load the table's ledger records (no load of another date or
   * pipeline came after it), asked before comparing a reload's rows with that load's; the load
   * itself asks again inside its transaction (see {@link LoadRequest.ChangedRows}). True when the
   * warehouse cannot tell.
   */
  default boolean isLatestLoad(TableSpec table, LedgerEntry entry) {
    return true;
  }

  /**
   * The ledger entries of every date of a pipeline in {@code table}, by date; empty when the table
   * does not exist.
   */
  List<LedgerEntry> ledger(TableSpec table, String pipeline);

  /**
   * The DDL the next load of {@code table} would apply (schema upgrades, new columns), without
   * applying it.
   */
  SchemaPlan plan(TableSpec table);

  /**
   * The statements a load of {@code request} would run after the DDL, in order (staging, bulk load,
   * checks, merge, ledger), for {@code --dry-run}; empty when the warehouse cannot say. Nothing is
   * executed.
   */
  default List<String> describeLoad(LoadRequest request) {
    return List.of();
  }

  /** Applies what {@link #plan} shows; returns what was applied. */
  SchemaPlan migrate(TableSpec table);

  /**
   * Atomically replaces {@code target} with the table {@code shadow} (same schema): readers see one
   * or the other.
   */
  void replace(TableSpec target, String shadow);

  /**
   * Fails, before a rebuild does any work, when {@code target} cannot be replaced by a rebuilt
   * table (e.g. views depend on it), naming what is in the way.
   */
  default void checkReplace(TableSpec target) {}

  /** Drops a table if it exists (a rebuild's abandoned shadow). */
  void drop(TableSpec table);

  /** What loading {@code request} would change, without changing anything. */
  DiffResult diff(LoadRequest request, int samples);

  /**
   * Runs one read query (e.g. a report) and returns at most {@code maxRows} rows. Read-only by the
   * warehouse's own guard (a read-only transaction or connection), never committed: a statement
   * that writes fails with {@code WAREHOUSE_REJECTED}, and a warehouse that cannot guard a query
   * refuses to run it.
   */
  QueryResult query(String sql, int maxRows);

  /**
   * Streams every row of one read query to {@code out}, for a pipeline whose source is the
   * warehouse itself (a SQL model): each row a record of column label → plain value (String, Long,
   * BigInteger, BigDecimal, Double, Boolean, null; dates and times as ISO-8601 text). Unqualified
   * table names resolve in {@code schema} (the environment's target schema). {@code ?} markers are
   * bound to {@code params} in order ({@link LocalDate} as a DATE), never pasted into the text.
   * Guarded as {@link #query}: the warehouse's own read-only guard, never committed.
   */
  default void read(String sql, List<Object> params, String schema, RecordSink out) {
    throw new io.etlx.error.EtlxException(
        io.etlx.error.ErrorCode.UNSUPPORTED_MODE,
        "this warehouse cannot be the source of a pipeline (source type: warehouse)");
  }

  /**
   * Gives up, until the next call, what the warehouse keeps open between calls where that keeps
   * other processes out (an embedded file's connection): called while etlx waits.
   */
  default void idle() {}

  @Override
  void close();
}
