package io.etlx.warehouse.conformance;

import io.etlx.engine.PluginSetup;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.Warehouse;
import io.etlx.warehouse.duckdb.DuckDbPlugin;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Map;

/** The upsert conformance suite on a real DuckDB file. */
class DuckDbConformanceTest extends UpsertConformance {
  @Override
  Warehouse open(Path dir) {
    YamlMap options = (YamlMap) YamlReader.parse("path: warehouse.duckdb\n", "test.yaml");
    return new DuckDbPlugin()
        .open(
            new PluginSpec("duckdb", options).plain(),
            PluginSetup.of(dir, Interpolator.withoutDate(Map.of(), Map.of())));
  }
}
