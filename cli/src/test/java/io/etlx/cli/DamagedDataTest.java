package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.raw.Codec;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored data damaged or replaced behind etlx's back: never loaded, named as damaged (not "retry
 * later"), and the way out the message names works.
 */
class DamagedDataTest {
  private static final String TABLE = "alice_dev.historical_exchange_rates";

  @TempDir Path dir;
  FxServer server;
  TestProject project;

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    project = new TestProject(dir, server.url(), false);
    assertThat(run().exitCode()).isZero();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRawPartitionReplacedByOtherValidDataIsRefusedAndReExtractFixesIt() throws Exception {
    Path records = partition().resolve("records.ndjson.zst");
    try (OutputStream out = Codec.compress(Files.newOutputStream(records))) {
      out.write("{\"key\": \"EUR\", \"value\": 999}\n".getBytes(StandardCharsets.UTF_8));
    }

    CliRun forced = run("--force");
    CliRun fixed = run("--re-extract");

    assertThat(forced.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(forced.err()).contains("the raw copy was replaced or damaged", "--re-extract");
    assertThat(fixed.exitCode()).as(fixed.err()).isZero();
    assertThat(project.rows(TABLE)).hasSize(5).noneMatch(row -> row.contains("999"));
  }

  @Test
  void aTruncatedRawPartitionIsNotCalledRetryable() throws Exception {
    Path records = partition().resolve("records.ndjson.zst");
    byte[] bytes = Files.readAllBytes(records);
    Files.write(records, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    CliRun forced = run("--force");

    assertThat(forced.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(forced.err()).contains("damaged", "--re-extract").doesNotContain("rerun later");
  }

  @Test
  void aDamagedManifestBlocksNothingButTheDateAndReExtractReplacesIt() throws Exception {
    Files.writeString(partition().resolve("manifest.json"), "{");

    CliRun plain = run();
    CliRun status = project.etlx("status", "exchange_rates", "--env", "dev");
    CliRun fixed = run("--re-extract");

    assertThat(plain.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(plain.err()).contains("manifest", "damaged", "--re-extract");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("damaged");
    assertThat(fixed.exitCode()).as(fixed.err()).isZero();
    assertThat(run().out()).contains("raw partition exists");
  }

  @Test
  void aDamagedStateFileIsSetAsideAndTheWarehouseDecides() throws Exception {
    Path load = dir.resolve("state-dev/dev/exchange_rates/2020-12-01/load.json");
    Files.writeString(load, "{}");

    CliRun status = project.etlx("status", "exchange_rates", "--env", "dev");
    CliRun rerun = run();

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.out()).contains("the warehouse already holds these rows under this spec");
    assertThat(project.rows("alice_dev._etlx_loads")).hasSize(1);
  }

  private Path partition() throws Exception {
    try (Stream<Path> found = Files.walk(dir.resolve("raw-dev"))) {
      return found
          .filter(p -> p.getFileName().toString().equals("2020-12-01"))
          .findFirst()
          .orElseThrow();
    }
  }

  private CliRun run(String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev", "--retries", "0"));
    args.addAll(java.util.List.of(more));
    return project.etlx(args.toArray(String[]::new));
  }
}
