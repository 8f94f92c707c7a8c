package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case study's schema evolution, end to end on the shipped samples: the table moves from
 * exchange_rate_usd (version 1) to exchange_rate + base_currency_code (version 2) with raw
 * partitions of both versions in the raw store; the migration, a rebuild from raw, and the revenue
 * report all agree.
 */
class SchemaEvolutionTest {
  private static final String V1_TRANSFORM =
      """
      transform:
        version: 1
        columns:
          date:              {from: logical_date, type: date}
          currency_code:     {from: key, type: string}
          exchange_rate_usd: {from: value, type: "decimal(18,6)"}
      primary_key\
      """;
  private static final String REVENUE_V1 =
      "SELECT CAST(o.ordered_at AS DATE) AS day, round(sum(o.amount / r.exchange_rate_usd), 2) AS"
          + " revenue_usd FROM ${schema}.order_items o JOIN ${schema}.historical_exchange_rates r"
          + " ON r.date = CAST(o.ordered_at AS DATE) AND r.currency_code = o.currency_code GROUP BY"
          + " 1 ORDER BY 1";

  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "evolve");

  @Test
  void versionOneDataSurvivesTheMoveToVersionTwo() throws IOException {
    ShippedFiles.copyInto(dir);
    Path spec = dir.resolve("pipelines/exchange_rates.yaml");
    String v2 = Files.readString(spec);
    String v1 =
        v2.substring(0, v2.indexOf("transform:"))
            + V1_TRANSFORM
            + v2.substring(v2.indexOf(": [date, currency_code]"));
    Files.writeString(spec, v1);

    ok("backfill", "order_items", "--from", "2020-12-01", "--to", "2020-12-03", "--env", "dev");
    ok("backfill", "exchange_rates", "--from", "2020-12-01", "--to", "2020-12-02", "--env", "dev");
    String revenueBefore = ok("query", "--env", "dev", REVENUE_V1);

    Files.writeString(spec, v2);
    CliRun early =
        CliRun.of(
            env,
            "-C",
            dir.toString(),
            "diff",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev");
    assertThat(early.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(early.err())
        .contains(
            "needs schema changes before this spec's rows can be compared (etlx plan shows them)");
    String plan = ok("plan", "exchange_rates", "--env", "dev");
    assertThat(plan)
        .contains(
            "ALTER TABLE \"evolve_dev\".\"historical_exchange_rates\" RENAME COLUMN"
                + " \"exchange_rate_usd\" TO \"exchange_rate\";",
            "ALTER TABLE \"evolve_dev\".\"historical_exchange_rates\" ADD COLUMN"
                + " \"base_currency_code\" VARCHAR;",
            "SET \"base_currency_code\" = CAST(? AS VARCHAR) WHERE \"base_currency_code\" IS NULL "
                + " -- bound: [USD];");

    ok("run", "exchange_rates", "--date", "2020-12-03", "--env", "dev");
    String migrated =
        ok(
            "query",
            "--env",
            "dev",
            "SELECT * FROM ${schema}.historical_exchange_rates ORDER BY date, currency_code");
    assertThat(migrated.lines().findFirst().orElseThrow())
        .isEqualTo("date,currency_code,exchange_rate,base_currency_code");
    assertThat(migrated.lines().skip(1)).hasSize(33).allMatch(row -> row.endsWith(",USD"));
    assertThat(ok("plan", "exchange_rates", "--env", "dev"))
        .contains("up to date, nothing to change");

    String rebuilt =
        ok(
            "rebuild",
            "exchange_rates",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-03",
            "--env",
            "dev");
    assertThat(rebuilt).contains("33 rows, swapped in atomically");
    assertThat(
            ok(
                "query",
                "--env",
                "dev",
                "SELECT * FROM ${schema}.historical_exchange_rates ORDER BY date, currency_code"))
        .isEqualTo(migrated);
    assertThat(ok("diff", "exchange_rates", "--date", "2020-12-01", "--env", "dev"))
        .endsWith("a rerun would be a no-op\n");

    String revenueAfter =
        ok("query", "--env", "dev", REVENUE_V1.replace("exchange_rate_usd", "exchange_rate"));
    assertThat(revenueAfter).startsWith(revenueBefore).endsWith("2020-12-03,1033.75\n");
    assertThat(revenueBefore).contains("2020-12-01,1105.29", "2020-12-02,1079.19");
  }

  @Test
  void diffShowsWhatARerunWouldChange() throws IOException {
    ShippedFiles.copyInto(dir);
    ok("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    Path spec = dir.resolve("pipelines/exchange_rates.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace("{value: USD, type: string}", "{value: US_DOLLAR, type: string}"));

    CliRun diff =
        CliRun.of(
            env,
            "-C",
            dir.toString(),
            "diff",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--samples",
            "1");

    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out())
        .contains(
            "0 added, 0 removed, 11 changed, 0 unchanged",
            "  changed {date=2020-12-01, currency_code=AUD}",
            "      base_currency_code: USD -> US_DOLLAR",
            "a rerun would change the table");
  }

  private String ok(String... args) {
    String[] all =
        Stream.concat(Stream.of("-C", dir.toString()), Stream.of(args)).toArray(String[]::new);
    CliRun run = CliRun.of(env, all);
    assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
    return run.out();
  }
}
