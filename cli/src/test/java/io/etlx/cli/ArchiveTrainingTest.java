package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training the launchers record their class-data-sharing archive from runs every step. */
class ArchiveTrainingTest {
  @TempDir Path dir;

  @Test
  void initValidateRunNoOpRunAndStatusAllSucceed() {
    assertThat(ArchiveTraining.train(dir, Map.of("USER", "training"))).isEmpty();
    // the pipeline ran on the embedded default, in the training's own project
    assertThat(dir.resolve("project/.etlx/dev.duckdb")).isRegularFile();
  }

  @Test
  void loadsEveryClassOfThePostgresDriverWithoutInitialisingIt() throws Exception {
    int loaded = ArchiveTraining.loadJarOf("org.postgresql.Driver");

    assertThat(loaded).isGreaterThan(300);
  }
}
