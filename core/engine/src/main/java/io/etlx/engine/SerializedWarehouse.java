package io.etlx.engine;

import io.etlx.spi.DiffResult;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.QueryResult;
import io.etlx.spi.RecordSink;
import io.etlx.spi.SchemaPlan;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The session's warehouse, one call at a time: runs of one process (a backfill's dates, {@code run
 * --all}'s pipelines) extract and transform in parallel but share one warehouse, and an embedded
 * one (DuckDB) has one connection, which a model's read reopens read-only. A call waits for the one
 * in progress.
 */
final class SerializedWarehouse implements Warehouse {
  private final Warehouse warehouse;

  SerializedWarehouse(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  @Override
  public synchronized LoadResult load(LoadRequest request) {
    return warehouse.load(request);
  }

  @Override
  public synchronized Optional<LedgerEntry> ledger(
      TableSpec table, String pipeline, LocalDate date) {
    return warehouse.ledger(table, pipeline, date);
  }

  @Override
  public synchronized List<LedgerEntry> ledger(TableSpec table, String pipeline) {
    return warehouse.ledger(table, pipeline);
  }

  @Override
  public synchronized boolean isLatestLoad(TableSpec table, LedgerEntry entry) {
    return warehouse.isLatestLoad(table, entry);
  }

  @Override
  public synchronized SchemaPlan plan(TableSpec table) {
    return warehouse.plan(table);
  }

  @Override
  public synchronized List<String> describeLoad(LoadRequest request) {
    return warehouse.describeLoad(request);
  }

  @Override
  public synchronized SchemaPlan migrate(TableSpec table) {
    return warehouse.migrate(table);
  }

  @Override
  public synchronized void replace(TableSpec target, String shadow) {
    warehouse.replace(target, shadow);
  }

  @Override
  public synchronized void checkReplace(TableSpec target) {
    warehouse.checkReplace(target);
  }

  @Override
  public synchronized void drop(TableSpec table) {
    warehouse.drop(table);
  }

  @Override
  public synchronized DiffResult diff(LoadRequest request, int samples) {
    return warehouse.diff(request, samples);
  }

  @Override
  public synchronized QueryResult query(String sql, int maxRows) {
    return warehouse.query(sql, maxRows);
  }

  @Override
  public synchronized void read(String sql, List<Object> params, String schema, RecordSink out) {
    warehouse.read(sql, params, schema, out);
  }

  @Override
  public synchronized void idle() {
    warehouse.idle();
  }

  @Override
  public synchronized void close() {
    warehouse.close();
  }
}
