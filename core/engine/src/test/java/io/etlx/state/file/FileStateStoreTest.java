package io.etlx.state.file;

import io.etlx.state.StateStore;
import io.etlx.state.StateStoreContract;
import java.nio.file.Path;
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
}
