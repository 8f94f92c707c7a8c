package io.etlx.bench;

/** A warehouse under test, with the names of its hand-written baseline. */
enum Warehouse {
  DUCKDB("DuckDB", "read_csv + ON CONFLICT", "read_csv + ON CONFLICT"),
  POSTGRES("PostgreSQL", "COPY + ON CONFLICT", "COPY + ON CONFLICT + IS DISTINCT FROM");

  final String label;
  final String baselineFirst;
  final String baselineRerun;

  Warehouse(String label, String baselineFirst, String baselineRerun) {
    this.label = label;
    this.baselineFirst = baselineFirst;
    this.baselineRerun = baselineRerun;
  }
}
