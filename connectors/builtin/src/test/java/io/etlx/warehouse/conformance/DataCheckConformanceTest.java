package io.etlx.warehouse.conformance;

import io.etlx.engine.PluginSetup;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.Warehouse;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.warehouse.duckdb.DuckDbPlugin;
import io.etlx.warehouse.postgres.PostgresPlugin;
import io.etlx.warehouse.redshift.RedshiftSql;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The data check behaviours on a real DuckDB file, a real PostgreSQL 17, and Redshift's SQL. */
class DataCheckConformanceTest {
  @Nested
  class DuckDb extends DataCheckConformance {
    @Override
    Warehouse open(Path dir) {
      YamlMap options = (YamlMap) YamlReader.parse("path: warehouse.duckdb\n", "test.yaml");
      return new DuckDbPlugin()
          .open(
              new PluginSpec("duckdb", options).plain(),
              PluginSetup.of(dir, Interpolator.withoutDate(Map.of(), Map.of())));
    }
  }

  @Nested
  class Postgres extends DataCheckConformance {
    @Override
    Warehouse open(Path dir) {
      String yaml = "url: \"" + PostgresTestServer.newDatabase() + "\"\nuser: postgres\n";
      YamlMap options = (YamlMap) YamlReader.parse(yaml, "test.yaml");
      return new PostgresPlugin()
          .open(
              new PluginSpec("postgres", options).plain(),
              PluginSetup.of(dir, Interpolator.withoutDate(Map.of(), Map.of())));
    }
  }

  /**
   * Redshift's check SQL on PostgreSQL, where the syntax is shared: all but the rejects' row as
   * JSON (Redshift's OBJECT and JSON_SERIALIZE), which only the golden files cover.
   */
  @Nested
  class RedshiftOnPostgres extends DataCheckConformance {
    @Override
    Warehouse open(Path dir) {
      return RedshiftOnPostgresConformanceTest.warehouse(RedshiftSql.Strategy.DELETE_INSERT);
    }

    @Override
    boolean quarantineRunsHere() {
      return false;
    }
  }
}
