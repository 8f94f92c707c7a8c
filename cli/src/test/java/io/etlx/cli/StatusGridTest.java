package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status --grid: dates × stages, plain when piped. */
class StatusGridTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "grid");

  @Test
  void theGridShowsEachDateAndStageAtAGlance() throws IOException {
    ShippedFiles.copyInto(dir);
    Path csv = dir.resolve("pipelines/samples/order_items/2020-12-02.csv");
    Files.writeString(csv, Files.readString(csv).replaceFirst("\n(\\d+),", "\n$1,x"));
    etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");
    etlx("run", "order_items", "--date", "2020-12-02", "--env", "dev");

    CliRun grid =
        etlx(
            "status",
            "order_items",
            "--env",
            "dev",
            "--grid",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03");

    assertThat(grid.exitCode()).as(grid.err()).isZero();
    assertThat(grid.out())
        .contains(
            "order_items (dev)",
            "  DATE        extract    transform  load       notify",
            "  2020-12-01  ok         ok         ok",
            "  2020-12-03  -          -          -          -")
        .doesNotContain("\u001b[");
    assertThat(grid.out().lines().filter(l -> l.startsWith("  2020-12-02")).findFirst())
        .hasValueSatisfying(line -> assertThat(line).contains("ok         FAILED     -"));

    // a quarantine check changes which rows a load writes: the succeeded load is stale
    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "item_name:     {from: item_name, type: string}",
                "item_name:     {from: item_name, type: string,"
                    + " checks: {not_null: {value: true, severity: quarantine}}}"));
    CliRun stale = etlx("status", "order_items", "--env", "dev", "--grid");
    assertThat(stale.out()).contains("  2020-12-01  ok         ok         stale");
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
