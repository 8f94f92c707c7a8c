package io.etlx.cli;

/** The data check scenarios on the embedded default: a DuckDB file and a local raw store. */
class DuckDbDataCheckScenariosTest extends DataCheckScenarios {
  @Override
  Backend backend() {
    return Backend.duckdb();
  }
}
