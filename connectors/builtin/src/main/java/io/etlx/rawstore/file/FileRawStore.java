package io.etlx.rawstore.file;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.rawstore.ManifestJson;
import io.etlx.rawstore.Superseded;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Raw partitions under {@code ROOT/PIPELINE/DATE/}: the records ({@code records.csv.zst}, {@code
 * records.ndjson.zst}, … as the manifest's format says), {@code manifest.json} and {@code
 * artifacts/}. A partition is assembled in a staging folder and renamed into place; a replaced
 * partition moves to {@code ROOT/PIPELINE/.superseded/DATE.TIMESTAMP/}, never deleted.
 */
final class FileRawStore implements RawStore {
  /** The records while they are written; named after their format on commit. */
  private static final String RECORDS = "records.part";

  static final String MANIFEST = "manifest.json";

  /** Where replaced partitions go, beside the pipeline's dates. */
  private static final String SUPERSEDED = ".superseded";

  private final Path root;

  FileRawStore(Path root) {
    this.root = root;
  }

  @Override
  public Optional<RawManifest> manifest(PartitionKey key) {
    return manifestIn(partition(key));
  }

  /** The manifest of a partition's folder (the current one or a replaced copy), if it has one. */
  private static Optional<RawManifest> manifestIn(Path folder) {
    Path manifest = folder.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      return Optional.empty();
    }
    return Optional.of(
        ManifestJson.read(io(() -> Files.readAllBytes(manifest)), manifest.toString()));
  }

  @Override
  public RawWrite begin(PartitionKey key) {
    Path folder = root.resolve(key.pipeline()).resolve(".staging");
    // the caller holds the date's run lock: any other staging folder of this date was left by a
    // write that was killed, and nobody else can be writing it
    removeLeftovers(folder, key.date() + ".");
    Path staging = folder.resolve(key.date() + "." + UUID.randomUUID());
    io(() -> Files.createDirectories(staging));
    return new FileRawWrite(key, staging);
  }

  @Override
  public InputStream openRecords(PartitionKey key) {
    Optional<RawManifest> manifest = manifest(key);
    Path records = partition(key).resolve(manifest.map(m -> m.format().fileName()).orElse(RECORDS));
    if (manifest.isEmpty() || !Files.exists(records)) {
      throw new EtlxException(
          ErrorCode.NO_RAW_DATA, "no raw data for " + key + " in " + root + ": run extract first");
    }
    return io(() -> Files.newInputStream(records));
  }

  @Override
  public void putArtifact(PartitionKey key, String name, Path file) {
    Path dir = partition(key).resolve("artifacts");
    io(() -> Files.createDirectories(dir));
    Path temp = dir.resolve("." + name + "." + UUID.randomUUID());
    io(() -> Files.copy(file, temp));
    io(
        () ->
            Files.move(
                temp,
                dir.resolve(name),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING));
  }

  @Override
  public boolean hasArtifact(PartitionKey key, String name) {
    return Files.exists(partition(key).resolve("artifacts").resolve(name));
  }

  @Override
  public Optional<Path> artifact(PartitionKey key, String name) {
    Path path = partition(key).resolve("artifacts").resolve(name);
    return Files.exists(path) ? Optional.of(path) : Optional.empty();
  }

  @Override
  public Optional<Path> earlierArtifact(PartitionKey key, String rawChecksum, String name) {
    Path superseded = root.resolve(key.pipeline()).resolve(SUPERSEDED);
    if (!Files.isDirectory(superseded)) {
      return Optional.empty();
    }
    String prefix = key.date() + ".";
    List<Path> copies;
    try (Stream<Path> children = Files.list(superseded)) {
      copies =
          children
              .filter(c -> c.getFileName().toString().startsWith(prefix))
              .sorted(
                  Comparator.comparing(
                          (Path c) -> Superseded.replacedAt(c.getFileName().toString()))
                      .reversed())
              .toList();
    } catch (IOException e) {
      throw failure(e);
    }
    for (Path copy : copies) {
      Path artifact = copy.resolve("artifacts").resolve(name);
      if (Files.exists(artifact)
          && manifestIn(copy).filter(m -> rawChecksum.equals(m.checksum())).isPresent()) {
        return Optional.of(artifact);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<LocalDate> dates(String pipeline) {
    Path dir = root.resolve(pipeline);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<LocalDate> dates = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        parseDate(child.getFileName().toString())
            .filter(date -> Files.exists(child.resolve(MANIFEST)))
            .ifPresent(dates::add);
      }
    } catch (IOException e) {
      throw failure(e);
    }
    dates.sort(null);
    return dates;
  }

  @Override
  public void close() {}

  private static void removeLeftovers(Path folder, String prefix) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> children = Files.list(folder)) {
      for (Path child :
          children.filter(c -> c.getFileName().toString().startsWith(prefix)).toList()) {
        try (Stream<Path> files = Files.walk(child)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(file);
          }
        }
      }
    } catch (IOException e) {
      // leftovers are invisible to readers; a later write tries again
    }
  }

  private Path partition(PartitionKey key) {
    return root.resolve(key.pipeline()).resolve(key.date().toString());
  }

  private static Optional<LocalDate> parseDate(String name) {
    try {
      return Optional.of(LocalDate.parse(name));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private final class FileRawWrite implements RawWrite {
    private final PartitionKey key;
    private final Path staging;
    private OutputStream out;
    private boolean committed;

    FileRawWrite(PartitionKey key, Path staging) {
      this.key = key;
      this.staging = staging;
    }

    @Override
    public OutputStream records() {
      if (out == null) {
        out = io(() -> Files.newOutputStream(staging.resolve(RECORDS)));
      }
      return out;
    }

    @Override
    public RawManifest commit(RawManifest manifest) {
      io(
          () -> {
            if (out != null) {
              out.close();
              Files.move(
                  staging.resolve(RECORDS),
                  staging.resolve(manifest.format().fileName()),
                  StandardCopyOption.ATOMIC_MOVE);
            }
            Files.write(staging.resolve(MANIFEST), ManifestJson.write(manifest));
            Path target = partition(key);
            if (Files.exists(target)) {
              Path superseded = root.resolve(key.pipeline()).resolve(SUPERSEDED);
              Files.createDirectories(superseded);
              Files.move(
                  target,
                  // the engine's clock, unique per fetch
                  superseded.resolve(Superseded.name(key.date(), manifest.fetchedAt())),
                  StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
          });
      committed = true;
      return manifest;
    }

    @Override
    public void close() {
      if (committed) {
        return;
      }
      try {
        if (out != null) {
          out.close();
        }
        try (Stream<Path> files = Files.list(staging)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(file);
          }
        }
        Files.deleteIfExists(staging);
      } catch (IOException e) {
        // Leftover staging folders are invisible to readers; nothing else to do.
      }
    }
  }

  private interface IoAction<T> {
    T run() throws IOException;
  }

  private static <T> T io(IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private static EtlxException failure(IOException e) {
    return new EtlxException(
        ErrorCode.RAW_STORE_FAILED, "raw store: " + e, new UncheckedIOException(e));
  }
}
