package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed process leaves behind — temporary files, a half-written raw partition, a rebuild's
 * shadow table — is removed by the next run of the pipeline, and nothing is left in the system's
 * temporary directory.
 */
class LeftoversTest {
  private static final String SCHEMA = "alice_dev";

  @TempDir Path dir;
  FxServer server;
  TestProject project;

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    project = new TestProject(dir, server.url(), false);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aKilledTransformLeavesNoTemporaryFileAfterTheNextRun() throws Exception {
    CliRun crashed = project.crashing("transform:before-record", run("2020-12-01"));
    assertThat(crashed.exitCode()).isEqualTo(137);
    assertThat(children(dir.resolve(".etlx/work"))).isNotEmpty();

    assertThat(project.etlx(run("2020-12-01")).exitCode()).isZero();

    assertThat(children(dir.resolve(".etlx/work"))).isEmpty();
  }

  @Test
  void aKilledExtractLeavesNoHalfWrittenPartitionAfterTheNextRun() throws Exception {
    CliRun crashed = project.crashing("extract:before-commit", run("2020-12-01"));
    assertThat(crashed.exitCode()).isEqualTo(137);
    Path staging = dir.resolve("raw-dev/exchange_rates/.staging");
    assertThat(children(staging)).hasSize(1);

    assertThat(project.etlx(run("2020-12-01")).exitCode()).isZero();

    assertThat(children(staging)).isEmpty();
  }

  @Test
  void aKilledRebuildsShadowTableIsDroppedByTheNextRun() throws Exception {
    assertThat(project.etlx(run("2020-12-01")).exitCode()).isZero();
    CliRun crashed =
        project.crashing(
            "load:after-commit",
            "rebuild",
            "exchange_rates",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-01",
            "--env",
            "dev");
    assertThat(crashed.exitCode()).isEqualTo(137);
    assertThat(project.rows(SCHEMA + ".historical_exchange_rates__etlx_rebuild")).hasSize(5);

    assertThat(project.etlx(run("2020-12-02")).exitCode()).isZero();

    assertThat(project.rows(SCHEMA + ".historical_exchange_rates__etlx_rebuild")).isEmpty();
    assertThat(project.rows(SCHEMA + "._etlx_loads"))
        .hasSize(2)
        .noneMatch(row -> row.contains("__etlx_rebuild"));
  }

  private static String[] run(String date) {
    return new String[] {"run", "exchange_rates", "--date", date, "--env", "dev"};
  }

  private static List<Path> children(Path folder) throws Exception {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }
}
