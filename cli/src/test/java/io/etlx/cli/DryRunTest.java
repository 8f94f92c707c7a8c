package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run/backfill --dry-run: what each stage would do and why, and the DDL; nothing runs. */
class DryRunTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "dry");

  @Test
  void aDryRunSaysWhatWouldRunAndWhyAndTouchesNothing() throws IOException {
    ShippedFiles.copyInto(dir);

    CliRun fresh = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev", "--dry-run");

    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    assertThat(fresh.out())
        .contains(
            "order_items 2020-12-01 (dev) — dry run, nothing runs",
            "extract    would run",
            "transform  would run   after the extract",
            "load       would run   after the transform",
            "notify     would run   after the load",
            "CREATE TABLE",
            "then the load: a staging table, the rest in one transaction (values bound then):",
            "read_csv(",
            "ON CONFLICT",
            "_etlx_loads");
    assertThat(dir.resolve(".etlx/raw/order_items/2020-12-01")).doesNotExist();
    assertThat(dir.resolve(".etlx/state/dev/order_items/2020-12-01")).doesNotExist();

    assertThat(etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev").exitCode())
        .isZero();
    CliRun done = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev", "--dry-run");
    assertThat(done.out())
        .contains(
            "extract    would skip  raw partition exists",
            "transform  would skip",
            "load       would skip",
            "notify     would skip")
        .doesNotContain("DDL");

    // a new column: the transform is stale, and the load would add the column first
    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace("  version: 1\n", "  version: 2\n")
            .replace(
                "    ordered_at:    {from: ordered_at, type: timestamp}\n",
                "    ordered_at:    {from: ordered_at, type: timestamp}\n"
                    + "    channel:       {value: web, type: string}\n"
                    + "  upgrades:\n"
                    + "    - {from: 1, default: {channel: web}}\n"));
    CliRun changed =
        etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev", "--dry-run");
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.out())
        .contains("extract    would skip", "transform  would run", "DDL before the load:")
        .containsIgnoringCase("add column");
  }

  @Test
  void aBackfillDryRunShowsEveryDate() throws IOException {
    ShippedFiles.copyInto(dir);
    assertThat(etlx("run", "order_items", "--date", "2020-12-02", "--env", "dev").exitCode())
        .isZero();

    CliRun plan =
        etlx(
            "backfill",
            "order_items",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03",
            "--env",
            "dev",
            "--dry-run");

    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains(
            "order_items 2020-12-01 (dev) — dry run",
            "order_items 2020-12-02 (dev) — dry run",
            "order_items 2020-12-03 (dev) — dry run");
    assertThat(plan.out().split("extract    would run", -1)).hasSize(3); // 01 and 03
    assertThat(dir.resolve(".etlx/raw/order_items/2020-12-01")).doesNotExist();
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
