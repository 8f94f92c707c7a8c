package io.etlx.warehouse.conformance;

import io.etlx.engine.PluginSetup;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.Warehouse;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.warehouse.postgres.PostgresPlugin;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Map;

/** The upsert conformance suite on a real PostgreSQL 17 server. */
class PostgresConformanceTest extends UpsertConformance {
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
