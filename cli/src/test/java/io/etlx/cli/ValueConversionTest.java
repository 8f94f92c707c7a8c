package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped order_items pipeline on DuckDB with an amount that has more places than
 * decimal(12,2): a bad row until the column opts in to rounding, then the rounded value in the
 * table.
 */
class ValueConversionTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "values");

  @Test
  void aDecimalWithTooManyPlacesIsABadRowUntilTheColumnRounds() throws IOException {
    ShippedFiles.copyInto(dir);
    Path csv = dir.resolve("pipelines/samples/order_items/2020-12-01.csv");
    Files.writeString(
        csv,
        Files.readString(csv)
            .replace("1001,501,Smørrebrød kit,2666.97,", "1001,501,Smørrebrød kit,2666.975,"));

    CliRun exact = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");
    assertThat(exact.exitCode()).as(exact.out() + exact.err()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(exact.out() + exact.err())
        .contains(
            "1 record(s) do not fit the declared column types: line 2: column 'amount':"
                + " '2666.975' has more than 2 decimal places for decimal(12,2): fix the source"
                + " data, or let the column round with 'round: half_up'");

    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace("type: \"decimal(12,2)\"}", "type: \"decimal(12,2)\", round: half_even}"));
    CliRun rounding = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");
    assertThat(rounding.exitCode()).as(rounding.out() + rounding.err()).isZero();
    assertThat(
            etlx(
                    "query",
                    "--env",
                    "dev",
                    "SELECT amount FROM ${schema}.order_items WHERE order_item_id = 1001")
                .out())
        .isEqualTo("amount\n2666.98\n");
  }

  private CliRun etlx(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-C";
    all[1] = dir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(env, all);
  }
}
