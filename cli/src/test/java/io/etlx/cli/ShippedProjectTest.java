package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped project, offline, as a newcomer runs it: the main job on the embedded default, then
 * every pipeline over five days: the daily revenue model gives the right USD totals.
 */
class ShippedProjectTest {
  @TempDir Path dir;

  @Test
  void mainJobAndRevenueReport() throws IOException {
    ShippedFiles.copyInto(dir);
    Map<String, String> env = Map.of("USER", "newcomer");

    CliRun main =
        CliRun.of(
            env,
            "-C",
            dir.toString(),
            "run",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev");
    assertThat(main.exitCode()).as(main.err()).isZero();
    assertThat(main.out()).contains("load       ran              11  11 staged, 11 written");
    assertThat(Files.exists(dir.resolve(".etlx/dev.duckdb"))).isTrue();

    CliRun backfill =
        CliRun.of(
            env,
            "-C",
            dir.toString(),
            "backfill",
            "--all",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-05",
            "--env",
            "dev");
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    CliRun report =
        CliRun.of(
            env,
            "-C",
            dir.toString(),
            "query",
            "--env",
            "dev",
            "select day, items, revenue_usd from ${schema}.daily_revenue_usd order by day");

    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out())
        .isEqualTo(
            """
            day,items,revenue_usd
            2020-12-01,8,1105.29
            2020-12-02,8,1079.19
            2020-12-03,8,1033.75
            2020-12-04,8,832.34
            2020-12-05,8,1113.23
            """);
  }
}
