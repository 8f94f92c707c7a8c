package io.etlx.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Raw partitions (records in the manifest's {@link RawFormat} plus the manifest) and the artifacts
 * derived from them (the transformed rows). A partition is written once, atomically; replacing it
 * keeps the older copy.
 */
public interface RawStore extends AutoCloseable {
  /**
   * The manifest of the partition, if it exists (a partition without a manifest does not exist).
   */
  Optional<RawManifest> manifest(PartitionKey key);

  /** Starts writing a partition; nothing is visible until {@link RawWrite#commit}. */
  RawWrite begin(PartitionKey key);

  /** The partition's records, stored as its manifest's {@link RawManifest#format()} says. */
  InputStream openRecords(PartitionKey key);

  /** Stores a derived artifact (e.g. transformed rows) of a partition, atomically. */
  void putArtifact(PartitionKey key, String name, Path file);

  /** A local file holding the artifact, if it exists (downloaded first for remote stores). */
  Optional<Path> artifact(PartitionKey key, String name);

  /** Whether the artifact exists, without fetching it. */
  default boolean hasArtifact(PartitionKey key, String name) {
    return artifact(key, name).isPresent();
  }

  /**
   * The artifact as an earlier copy of the partition holds it — a copy a later extract replaced,
   * whose records had the SHA-256 {@code rawChecksum} — as a local file (downloaded first for
   * remote stores); the newest such copy when several match. Empty when no such copy or artifact is
   * kept, which is all a store that keeps no copies can say.
   */
  default Optional<Path> earlierArtifact(PartitionKey key, String rawChecksum, String name) {
    return Optional.empty();
  }

  /** The dates that have a raw partition, ascending. */
  List<LocalDate> dates(String pipeline);

  @Override
  void close();

  /** A partition being written. */
  interface RawWrite extends AutoCloseable {
    /**
     * Where to write the records, in the format the manifest given to {@link #commit} will state
     * (the store names the stored object after it).
     */
    OutputStream records();

    /**
     * Makes the partition visible with its manifest. If a partition already exists it is kept as an
     * older copy, never deleted.
     */
    RawManifest commit(RawManifest manifest);

    /** Discards an uncommitted write (also on close without commit). */
    @Override
    void close();
  }
}
