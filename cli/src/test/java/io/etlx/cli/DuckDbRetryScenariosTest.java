package io.etlx.cli;

/** The retry scenarios on the embedded default: a DuckDB file and a local raw store. */
class DuckDbRetryScenariosTest extends RetryScenarios {
  @Override
  Backend backend() {
    return Backend.duckdb();
  }
}
