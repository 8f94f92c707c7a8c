package io.etlx.warehouse.duckdb;

import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import java.nio.file.Path;
import java.time.Clock;

/** {@code type: duckdb}: the embedded default warehouse, one database file. */
public final class DuckDbPlugin implements WarehousePlugin {
  @Override
  public String type() {
    return "duckdb";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/warehouse/duckdb/options.schema.json";
  }

  @Override
  public WarehouseCapabilities capabilities() {
    return DuckDbSql.CAPABILITIES;
  }

  @Override
  public Warehouse open(PluginOptions spec, PluginContext context) {
    return warehouse(
        context.path(spec.string("path", ".etlx/warehouse.duckdb")),
        spec.string("memory_limit", null),
        (int) spec.integer("threads", 0),
        context.clock());
  }

  /** {@code duckdb:///absolute/path.duckdb} and {@code schema.table}: the file is the database. */
  @Override
  public DatasetName dataset(
      PluginOptions spec, PluginContext context, String schema, String table) {
    Path file = context.path(spec.string("path", ".etlx/warehouse.duckdb"));
    return new DatasetName("duckdb://" + file.toAbsolutePath(), schema + "." + table);
  }

  /** A warehouse on a DuckDB file. */
  public static Warehouse warehouse(Path file, String memoryLimit, int threads) {
    return warehouse(file, memoryLimit, threads, Clock.systemUTC());
  }

  private static Warehouse warehouse(Path file, String memoryLimit, int threads, Clock clock) {
    DuckDbSql dialect = new DuckDbSql();
    return new JdbcWarehouse(
        dialect,
        new DuckDbCsvLoader(dialect),
        new DuckDbConnection(file, memoryLimit, threads),
        file.toString(),
        clock);
  }
}
