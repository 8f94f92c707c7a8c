package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A day's Parquet file through the CLI, typed by the spec like any other source. */
class ParquetSourceTest {
  @TempDir Path dir;

  @Test
  void aParquetFileLoadsWithExactValues() throws Exception {
    ShippedFiles.copyInto(dir);
    Files.createDirectories(dir.resolve("exports"));
    try (Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        Statement s = duckdb.createStatement()) {
      s.execute(
          "COPY (SELECT 1001::BIGINT AS order_item_id, 501::BIGINT AS order_id, 'Kit ''A''' AS"
              + " item_name, 2666.97::DECIMAL(12,2) AS amount, 'MXN' AS currency_code, TIMESTAMP"
              + " '2020-12-01 19:49:52' AS ordered_at) TO '"
              + dir.resolve("exports/2020-12-01.parquet")
              + "' (FORMAT parquet)");
    }
    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  path: \"pipelines/samples/order_items/${date}.csv\"\n  format: csv",
                "  path: \"exports/${date}.parquet\""));
    Map<String, String> env = Map.of("USER", "parquet");

    CliRun run = CliRun.in(dir, env, "run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(
            CliRun.in(
                    dir,
                    env,
                    "query",
                    "--env",
                    "dev",
                    "select item_name, amount, ordered_at from ${schema}.order_items")
                .out())
        .isEqualTo("item_name,amount,ordered_at\nKit 'A',2666.97,2020-12-01 19:49:52.0\n");
  }
}
