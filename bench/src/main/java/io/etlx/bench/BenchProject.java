package io.etlx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The etlx project a user would write for this data, in a folder of its own: the order-items
 * pipeline (a {@code type: file} CSV source, upsert by {@code order_item_id}) and a {@code bench}
 * environment with a file raw store, a file state store and the warehouse under test.
 */
record BenchProject(Path dir) {
  static final String PIPELINE = "order_items";
  static final String DATE = "2020-12-01";
  static final String ENV = "bench";

  /** The PostgreSQL warehouse's URL comes from the process environment, as credentials would. */
  static final String PG_URL_VAR = "ETLX_BENCH_PG_URL";

  static final String SCHEMA = "bench";

  static BenchProject create(Path dir, Warehouse warehouse, Path source) throws IOException {
    Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(dir.resolve("environments"));
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(
        dir.resolve("pipelines/" + PIPELINE + ".yaml"),
        """
        pipeline: order_items
        description: Order items, one CSV file per day (load benchmark)
        source: {type: file, path: "data/${date}.csv", format: csv}
        transform:
          version: 1
          columns:
            order_item_id: {from: order_item_id, type: bigint}
            order_id:      {from: order_id, type: bigint}
            item_name:     {from: item_name, type: string}
            amount:        {from: amount, type: "decimal(12,2)"}
            currency_code: {from: currency_code, type: string}
            ordered_at:    {from: ordered_at, type: timestamp}
        primary_key: [order_item_id]
        sink: {table: order_items, mode: upsert}
        """);
    String warehouseYaml =
        switch (warehouse) {
          case DUCKDB -> "{type: duckdb, path: warehouse.duckdb}";
          case POSTGRES -> "{type: postgres, url: \"${" + PG_URL_VAR + "}\", user: postgres}";
        };
    Files.writeString(
        dir.resolve("environments/" + ENV + ".yaml"),
        "warehouse: "
            + warehouseYaml
            + "\nschema: "
            + SCHEMA
            + "\nraw_store: {type: file, path: raw}\nstate: {type: file, path: state}\n");
    BenchProject project = new BenchProject(dir);
    project.useSource(source);
    return project;
  }

  /**
   * Makes {@code csv} the date's source file. A hard link, not a copy: the generated files are
   * shared by both warehouses' projects (close to a gigabyte each at 10M rows), and etlx sees an
   * ordinary file, replaced at once as an export job would replace it.
   */
  void useSource(Path csv) throws IOException {
    Path file = dir.resolve("data/" + DATE + ".csv");
    Path link = file.resolveSibling(DATE + ".csv.new");
    Files.deleteIfExists(link);
    Files.createLink(link, csv);
    Files.move(link, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The table etlx loads, in DuckDB's file or the given PostgreSQL database. */
  Target target(Warehouse warehouse, String postgresUrl) {
    String url =
        switch (warehouse) {
          case DUCKDB -> "jdbc:duckdb:" + dir.resolve("warehouse.duckdb");
          case POSTGRES -> postgresUrl;
        };
    return new Target(url, SCHEMA + "." + PIPELINE);
  }
}
