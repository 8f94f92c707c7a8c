package io.etlx.state.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StateStore;
import io.etlx.state.StateStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest extends StateStoreContract {
  @TempDir Path dir;

  @Override
  protected StateStore open() {
    return new FileStateStore(dir);
  }

  @Override
  protected StateStore sameStorage() {
    return new FileStateStore(dir);
  }

  @Test
  void anUnreadableStageFileIsSetAsideAndCountsAsNoRecord() throws Exception {
    RunKey run = new RunKey("fx", "dev", LocalDate.of(2020, 12, 1));
    Path folder = Files.createDirectories(dir.resolve("dev/fx/2020-12-01"));
    Files.writeString(folder.resolve("load.json"), "{}");
    Files.writeString(folder.resolve("transform.json"), "");
    Files.writeString(folder.resolve("extract.json"), "{\"pipeline\": \"fx\", \"torn");

    try (StateStore store = open()) {
      assertThat(store.latest("fx", "dev")).isEmpty();
      assertThat(store.last(run.stage(Stage.LOAD))).isEmpty();
    }
    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .allMatch(name -> name.contains(".corrupt-"))
          .hasSize(3);
    }
  }

  @Test
  void aLockWhoseFileWasDeletedWhileHeldSaysItIsLost() throws Exception {
    RunKey run = new RunKey("fx", "dev", LocalDate.of(2020, 12, 1));
    try (StateStore store = open();
        StateStore.RunLock lock = store.lock(run)) {
      lock.check();
      Files.delete(dir.resolve("dev/fx/2020-12-01.lock"));
      try (StateStore other = sameStorage();
          StateStore.RunLock second = other.lock(run)) { // a second worker gets in
        assertThat(
                org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.etlx.error.EtlxException.class, lock::check))
            .extracting(io.etlx.error.EtlxException::code)
            .isEqualTo(io.etlx.error.ErrorCode.LOCK_LOST);
      }
    }
  }
}
