package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's folder for temporary files (rows being written, downloads), under the environment's
 * work directory instead of the system's temporary directory. The folder holds a file lock while
 * the process lives, is removed when it closes, and whatever a killed process left behind — its
 * lock released by the operating system — is removed by the next process that opens a work area
 * there.
 */
public final class WorkArea implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkArea.class);
  private static final String LOCK = ".in-use";
  private static final String PREFIX = "process-";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private WorkArea(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** A fresh folder under {@code base}, after removing the folders of processes that died. */
  public static WorkArea open(Path base) {
    try {
      Files.createDirectories(base);
      removeAbandoned(base);
      Path dir = Files.createDirectory(base.resolve(PREFIX + UUID.randomUUID()));
      FileChannel channel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new WorkArea(dir, channel, channel.lock());
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED,
          "cannot create a work folder under "
              + base
              + " ("
              + e.getMessage()
              + "); set work_dir in the environment to a writable directory",
          e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** A new temporary file in the work folder, named with {@code suffix} (readers may go by it). */
  public Path newFile(String prefix, String suffix) throws IOException {
    return Files.createTempFile(dir, prefix, suffix);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // the lock dies with the channel or the process anyway
    }
    deleteQuietly(dir);
  }

  private static void removeAbandoned(Path base) throws IOException {
    List<Path> folders;
    try (Stream<Path> children = Files.list(base)) {
      folders = children.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList();
    }
    for (Path folder : folders) {
      if (abandoned(folder)) {
        LOG.info("removing {}, left behind by a process that did not finish", folder);
        deleteQuietly(folder);
      }
    }
  }

  /**
   * Whether no live process holds the folder's lock. A folder without a lock file is being created
   * — unless it is an hour old, then its process died in that instant.
   */
  private static boolean abandoned(Path folder) {
    Path lockFile = folder.resolve(LOCK);
    if (!Files.exists(lockFile)) {
      try {
        return Files.getLastModifiedTime(folder)
            .toInstant()
            .isBefore(java.time.Instant.now().minusSeconds(3600));
      } catch (IOException e) {
        return false;
      }
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = channel.tryLock();
      if (probe == null) {
        return false;
      }
      probe.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // held by this very process
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes {@code root} and everything under it, as far as it can (a failure is only logged). */
  public static void deleteQuietly(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.debug("cannot remove {}: {}", root, e.getMessage());
    }
  }
}
