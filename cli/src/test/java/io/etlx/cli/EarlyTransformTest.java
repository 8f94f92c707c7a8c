package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV file source is transformed while the extract copies it: the rows file is the very one the
 * transform stage makes from the raw copy alone, and a problem in the data is still the transform
 * stage's to report.
 */
class EarlyTransformTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "early");

  @Test
  void theRowsMadeDuringTheExtractAreTheRowsOfTheRawCopy() throws IOException {
    ShippedFiles.copyInto(dir);
    CliRun first = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");
    assertThat(first.exitCode()).as(first.err()).isZero();
    byte[] early = Files.readAllBytes(rows());

    CliRun again =
        etlx(
            "run",
            "order_items",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--from-stage",
            "transform");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("transform  ran");
    assertThat(Files.readAllBytes(rows())).isEqualTo(early);
  }

  @Test
  void aBadValueFailsTheTransformStageNotTheExtract() throws IOException {
    ShippedFiles.copyInto(dir);
    Path csv = dir.resolve("pipelines/samples/order_items/2020-12-01.csv");
    Files.writeString(csv, Files.readString(csv).replaceFirst(",2666.97,", ",lots,"));

    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.out()).contains("extract    ran", "transform  failed");
    assertThat(run.out() + run.err()).contains("line 2: column 'amount': 'lots'");
  }

  private Path rows() {
    return dir.resolve(".etlx/raw/order_items/2020-12-01/artifacts/rows.csv.zst");
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
