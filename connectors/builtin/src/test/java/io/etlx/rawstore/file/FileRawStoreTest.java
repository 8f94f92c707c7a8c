package io.etlx.rawstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.EtlxException;
import io.etlx.spi.Compression;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawFormat;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRawStoreTest {
  private static final PartitionKey KEY = new PartitionKey("fx", LocalDate.of(2020, 12, 1));
  @TempDir Path dir;

  @Test
  void aPartitionIsInvisibleUntilCommittedAndAbandonedWritesLeaveNothing() throws Exception {
    FileRawStore store = new FileRawStore(dir);
    try (RawStore.RawWrite write = store.begin(KEY)) {
      write.records().write("{}\n".getBytes(StandardCharsets.UTF_8));
      assertThat(store.manifest(KEY)).isEmpty();
    }
    assertThat(store.manifest(KEY)).isEmpty();
    assertThat(store.dates("fx")).isEmpty();
    assertThatThrownBy(() -> store.openRecords(KEY))
        .isInstanceOf(EtlxException.class)
        .hasMessageContaining("no raw data for fx/2020-12-01");
  }

  @Test
  void replacingAPartitionKeepsTheOlderCopy() throws Exception {
    FileRawStore store = new FileRawStore(dir);
    write(store, "first", "c1");
    write(store, "second", "c2");

    assertThat(store.manifest(KEY)).get().extracting(RawManifest::checksum).isEqualTo("c2");
    assertThat(new String(store.openRecords(KEY).readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("second");
    try (Stream<Path> superseded = Files.list(dir.resolve("fx/.superseded"))) {
      Path older = superseded.findFirst().orElseThrow();
      assertThat(older.getFileName().toString()).startsWith("2020-12-01.");
      assertThat(Files.readString(older.resolve("records.ndjson.zst"))).isEqualTo("first");
    }
    assertThat(store.dates("fx")).containsExactly(KEY.date());
  }

  @Test
  void aPartitionWrittenByAnEarlierVersionAsGzipNdjsonReadsBack() throws Exception {
    Path partition = Files.createDirectories(dir.resolve("fx/2020-12-01"));
    Files.writeString(partition.resolve("records.ndjson.gz"), "old records");
    Files.writeString(
        partition.resolve("manifest.json"),
        """
        {"pipeline": "fx", "date": "2020-12-01", "request": "GET x",
         "fetched_at": "2020-12-02T00:00:00Z", "checksum": "c", "records": 1,
         "schema_version": 1, "format": "ndjson.gz"}
        """);
    FileRawStore store = new FileRawStore(dir);

    assertThat(store.manifest(KEY).orElseThrow().format())
        .isEqualTo(new RawFormat(RawFormat.Kind.NDJSON, Compression.GZIP, ','));
    assertThat(new String(store.openRecords(KEY).readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("old records");
  }

  @Test
  void aCsvPartitionKeepsItsDelimiterInTheManifest() throws Exception {
    FileRawStore store = new FileRawStore(dir);
    try (RawStore.RawWrite write = store.begin(KEY)) {
      write.records().write("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8));
      write.commit(
          new RawManifest(
              "fx", "2020-12-01", "f.csv", Instant.EPOCH, "c", 1, 1, null, RawFormat.csv(';')));
    }

    assertThat(store.manifest(KEY).orElseThrow().format()).isEqualTo(RawFormat.csv(';'));
    assertThat(dir.resolve("fx/2020-12-01/records.csv.zst")).exists();
  }

  @Test
  void artifactsAreStoredBesideThePartition() throws Exception {
    FileRawStore store = new FileRawStore(dir);
    write(store, "x", "c");
    Path file = Files.writeString(dir.resolve("rows.tmp"), "rows");

    store.putArtifact(KEY, "rows.csv.gz", file);

    assertThat(store.artifact(KEY, "rows.csv.gz"))
        .get()
        .satisfies(p -> assertThat(Files.readString(p)).isEqualTo("rows"));
    assertThat(store.artifact(KEY, "other")).isEmpty();
  }

  @Test
  void anEarlierCopysArtifactIsFoundByTheChecksumOfItsRecords() throws Exception {
    FileRawStore store = new FileRawStore(dir);
    write(store, "first", "c1", Instant.parse("2020-12-02T01:00:00Z"));
    store.putArtifact(KEY, "rows", Files.writeString(dir.resolve("r1"), "rows of c1"));
    write(store, "second", "c2", Instant.parse("2020-12-02T02:00:00Z"));
    store.putArtifact(KEY, "rows", Files.writeString(dir.resolve("r2"), "rows of c2"));
    write(store, "third", "c1", Instant.parse("2020-12-02T03:00:00Z")); // c1 again, no rows yet
    write(store, "fourth", "c4", Instant.parse("2020-12-02T04:00:00Z"));

    assertThat(Files.readString(store.earlierArtifact(KEY, "c2", "rows").orElseThrow()))
        .isEqualTo("rows of c2");
    // the newest copy with those records has no such artifact: the one before it has
    assertThat(Files.readString(store.earlierArtifact(KEY, "c1", "rows").orElseThrow()))
        .isEqualTo("rows of c1");
    assertThat(store.earlierArtifact(KEY, "c4", "rows")).isEmpty(); // the current copy
    assertThat(store.earlierArtifact(KEY, "c2", "other")).isEmpty();
    assertThat(store.earlierArtifact(new PartitionKey("fx", KEY.date().plusDays(1)), "c2", "rows"))
        .isEmpty();
    assertThat(new FileRawStore(dir.resolve("empty")).earlierArtifact(KEY, "c2", "rows")).isEmpty();
  }

  @Test
  void theNewestCopyIsFoundEvenWhereItsNameSortsFirst() throws Exception {
    FileRawStore store = new FileRawStore(dir);
    write(store, "first", "c1", Instant.parse("2020-12-02T01:00:00Z"));
    store.putArtifact(KEY, "rows", Files.writeString(dir.resolve("r1"), "older rows"));
    write(store, "again", "c1", Instant.parse("2020-12-02T02:00:00Z"));
    store.putArtifact(KEY, "rows", Files.writeString(dir.resolve("r2"), "newer rows"));
    // replaced at 02:00:00.5: named ...T02-00-00.5Z, which sorts before ...T02-00-00Z
    write(store, "other", "c9", Instant.parse("2020-12-02T02:00:00.500Z"));

    assertThat(Files.readString(store.earlierArtifact(KEY, "c1", "rows").orElseThrow()))
        .isEqualTo("newer rows");
  }

  private static void write(FileRawStore store, String content, String checksum) throws Exception {
    write(store, content, checksum, Instant.EPOCH);
  }

  private static void write(FileRawStore store, String content, String checksum, Instant at)
      throws Exception {
    try (RawStore.RawWrite write = store.begin(KEY)) {
      write.records().write(content.getBytes(StandardCharsets.UTF_8));
      write.commit(
          new RawManifest("fx", "2020-12-01", "GET x", at, checksum, 1, 2, null, RawFormat.NDJSON));
    }
  }
}
