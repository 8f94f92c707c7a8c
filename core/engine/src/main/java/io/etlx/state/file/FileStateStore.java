package io.etlx.state.file;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.state.RunKey;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import io.etlx.state.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage executions as files: {@code ROOT/ENV/PIPELINE/DATE/STAGE.json} holds the latest execution
 * (replaced by an atomic rename, so a crash mid-write leaves the previous version), and {@code
 * ROOT/ENV/PIPELINE/history.ndjson} every execution (a torn last line is skipped). Run locks are OS
 * file locks, released by the operating system when a worker dies.
 */
final class FileStateStore implements StateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileStateStore.class);
  private final Path root;

  FileStateStore(Path root) {
    this.root = root;
  }

  @Override
  public Optional<StageRun> last(StageKey key) {
    Path file = stageFile(key);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return read(file);
  }

  /**
   * A stage file that cannot be read (empty, torn, edited by hand) is set aside and counts as no
   * record: the rerun rule then falls back on the raw store and the warehouse's ledger, which hold
   * the truth, and the next execution writes a sound file.
   */
  private Optional<StageRun> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(StageRunJson.read(text));
    } catch (IOException e) {
      Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + UUID.randomUUID());
      LOG.warn(
          "state file {} is unreadable ({}); set aside as {} and treated as no record — the raw"
              + " store and the warehouse's ledger decide what the next run does",
          file,
          e.getMessage(),
          aside.getFileName());
      try {
        Files.move(file, aside);
      } catch (IOException moveFailed) {
        // another reader set it aside first, or the directory is read-only: the file stays ignored
      }
      return Optional.empty();
    }
  }

  @Override
  public void record(StageRun run) {
    Path file = stageFile(run.key());
    String line = StageRunJson.write(run);
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID());
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        channel.write(StandardCharsets.UTF_8.encode(line));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(
          history(run.key().run()),
          line + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw failure("cannot record a stage execution in " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<StageRun> latest(String pipeline, String environment) {
    Path dir = root.resolve(environment).resolve(pipeline);
    List<StageRun> runs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return runs;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && !name.startsWith(".")) {
          read(file).ifPresent(runs::add);
        }
      }
    } catch (IOException e) {
      throw failure("cannot read state under " + dir + ": " + e.getMessage(), e);
    }
    runs.sort(
        (a, b) -> {
          int byDate = a.key().run().date().compareTo(b.key().run().date());
          return byDate != 0 ? byDate : a.key().stage().compareTo(b.key().stage());
        });
    return runs;
  }

  @Override
  public RunLock lock(RunKey key) {
    Path file =
        root.resolve(key.environment()).resolve(key.pipeline()).resolve(key.date() + ".lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        throw new EtlxException(
            ErrorCode.ALREADY_RUNNING,
            key
                + " is already running in another process (lock "
                + file
                + "); wait for it to finish");
      }
      Object identity = identity(file);
      return new RunLock() {
        @Override
        public void check() {
          Object now;
          try {
            now = identity(file);
          } catch (IOException e) {
            now = null;
          }
          if (now == null || !now.equals(identity)) {
            throw new EtlxException(
                ErrorCode.LOCK_LOST,
                "the lock file "
                    + file
                    + " of "
                    + key
                    + " was deleted or replaced while this run held it: another worker may be"
                    + " running the same date, so this run stops here; check that no other run is"
                    + " going on, then rerun");
          }
        }

        @Override
        public void close() {
          try {
            lock.release();
            channel.close();
          } catch (IOException e) {
            // The lock dies with the channel or the process anyway.
          }
        }
      };
    } catch (IOException e) {
      throw failure("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file's identity on disk (its inode): a lock file deleted and created anew has another one.
   */
  private static Object identity(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    return key != null ? key : Files.getLastModifiedTime(file);
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by another thread of this process
    }
  }

  @Override
  public void close() {}

  private Path stageFile(StageKey key) {
    RunKey run = key.run();
    return root.resolve(run.environment())
        .resolve(run.pipeline())
        .resolve(run.date().toString())
        .resolve(key.stage().yamlName() + ".json");
  }

  private Path history(RunKey run) {
    return root.resolve(run.environment()).resolve(run.pipeline()).resolve("history.ndjson");
  }

  private static EtlxException failure(String message, Exception cause) {
    return new EtlxException(ErrorCode.STATE_STORE_FAILED, "state store: " + message, cause);
  }
}
