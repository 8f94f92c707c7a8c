package io.etlx.state.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
  private static final RunKey RUN = new RunKey("fx", "dev", LocalDate.of(2020, 12, 1));
  @TempDir Path dir;

  @Test
  void recordsTheLatestExecutionOfEachStage() {
    FileStateStore store = new FileStateStore(dir);
    StageRun running = new StageRun(RUN.stage(Stage.LOAD), StageStatus.RUNNING, 1, Instant.EPOCH, null, 0, "fp", 2, "in", null, null);
    store.record(running);
    store.record(running.finish(StageStatus.SUCCEEDED, Instant.EPOCH.plusSeconds(3), 42, "out", null));

    StageRun last = store.last(RUN.stage(Stage.LOAD)).orElseThrow();
    assertThat(last.status()).isEqualTo(StageStatus.SUCCEEDED);
    assertThat(last.rows()).isEqualTo(42);
    assertThat(last.specFingerprint()).isEqualTo("fp");
    assertThat(last.schemaVersion()).isEqualTo(2);
    assertThat(store.last(RUN.stage(Stage.NOTIFY))).isEmpty();
    assertThat(store.latest("fx", "dev")).containsExactly(last);
    assertThat(store.latest("fx", "prod")).isEmpty();
  }

  @Test
  void aSecondWorkerCannotTakeTheSameRunLock() {
    FileStateStore store = new FileStateStore(dir);
    try (StateStore.RunLock lock = store.lock(RUN)) {
      assertThatThrownBy(() -> store.lock(RUN))
          .isInstanceOfSatisfying(EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_RUNNING))
          .hasMessageStartingWith("fx 2020-12-01 (dev) is already running in another process");
      store.lock(new RunKey("fx", "dev", LocalDate.of(2020, 12, 2))).close();
    }
    store.lock(RUN).close();
  }
}
