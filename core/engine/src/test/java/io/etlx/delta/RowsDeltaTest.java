package io.etlx.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowsDeltaTest {
  private static final List<String> HEADER = List.of("id", "name", "amount");

  @TempDir Path dir;

  @Test
  void theTablesOfOneBucketServeTheNextEmptiedWhateverItsSize() {
    OlderRows older = new OlderRows();
    KeySet keys = new KeySet();
    for (int bucket : new int[] {1_000, 10, 50_000, 3}) {
      older.clear(bucket);
      keys.clear(bucket);
      for (long key = 0; key < bucket; key++) {
        older.add(key * 31 + bucket, key, -key);
        assertThat(keys.add(key * 31 + bucket)).isTrue();
      }
      // what the bucket before held is gone; this one's rows are all there
      assertThat(older.holds(7 * 31 + 1_000, 7, -7)).isEqualTo(bucket == 1_000);
      assertThat(older.holds(2L * 31 + bucket, 2, -2)).isTrue();
      assertThat(older.holds(2L * 31 + bucket, 2, 0)).isFalse();
      assertThat(keys.add(2L * 31 + bucket)).isFalse();
      assertThat(keys.add(-1)).isTrue();
    }
  }

  @Test
  void onlyTheRowsThatDifferOrAreNewAreKept() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"), row("2", "b", "2.00"), row("3", "c", "3.00"));
    Path newer =
        rows(
            "newer",
            row("3", "c", "3.00"),
            row("1", "a", "1.50"),
            row("4", "d", "4.00"),
            row("2", "b", "2.00"));

    RowsDelta.Changed changed = changed(older, newer, List.of("id"), 3);

    assertThat(read(changed.rows()))
        .containsExactly(row("id", "name", "amount"), row("1", "a", "1.50"), row("4", "d", "4.00"));
    assertThat(changed.changed()).isEqualTo(2);
    assertThat(changed.unchanged()).isEqualTo(2);
  }

  @Test
  void quotedValuesWithDelimitersLineBreaksAndQuotesAreWholeRecords() throws IOException {
    String[] multiLine = row("2", "two\nlines, \"quoted\"", "2.00");
    String[] multiLineChanged = row("2", "two\nlines, \"quoted!\"", "2.00");
    Path older = rows("older", row("1", "", null), multiLine, row("3", " c ", "3.00"));
    Path newer = rows("newer", row("1", null, null), multiLineChanged, row("3", " c ", "3.00"));

    RowsDelta.Changed changed = changed(older, newer, List.of("id"), 3);

    // the empty string and NULL differ; the value with a line break is one row
    assertThat(read(changed.rows()))
        .containsExactly(row("id", "name", "amount"), row("1", null, null), multiLineChanged);
    assertThat(changed.unchanged()).isEqualTo(1);
  }

  @Test
  void aCompositeKeyIsCompared() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"), row("1", "b", "1.00"));
    Path newer = rows("newer", row("1", "a", "1.00"), row("1", "b", "9.00"), row("2", "a", "1.00"));

    RowsDelta.Changed changed = changed(older, newer, List.of("id", "name"), 3);

    assertThat(read(changed.rows()))
        .hasSize(3)
        .contains(row("1", "b", "9.00"), row("2", "a", "1.00"));
  }

  @Test
  void manyBucketsAndManyRowsFindExactlyTheChangedOnes() throws IOException {
    List<String[]> before = new ArrayList<>();
    List<String[]> after = new ArrayList<>();
    List<String[]> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String[] row = row(String.valueOf(i), "item " + i, i + ".00");
      before.add(row);
      if (i % 10 == 3) {
        String[] edited = row(String.valueOf(i), "item " + i, i + ".01");
        after.add(edited);
        expected.add(edited);
      } else if (i % 97 != 5) { // some rows are gone: an upsert keeps them, nothing to stage
        after.add(row);
      }
    }
    for (int i = 20_000; i < 20_100; i++) {
      String[] added = row(String.valueOf(i), "new", "0.00");
      after.add(added);
      expected.add(added);
    }
    Path older = rows("older", before.toArray(String[][]::new));
    Path newer = rows("newer", after.toArray(String[][]::new));

    // sized as for 10M rows: 39 buckets
    RowsDelta.Changed changed = changed(older, newer, List.of("id"), 10_000_000);

    List<String[]> delta = read(changed.rows());
    assertThat(delta.subList(1, delta.size())).containsExactlyElementsOf(expected);
    assertThat(changed.unchanged()).isEqualTo(after.size() - expected.size());
  }

  @Test
  void aRecordLongerThanTheReadBufferAndAKeyAfterOtherFieldsAreRead() throws IOException {
    String huge = "x,\"y\"\n".repeat(700_000); // ~4 MB with quotes, delimiters and line breaks
    Path older = rows("older", row("a", huge, "1"), row("b", "short", "2"), row("c", "", "3"));
    Path newer = rows("newer", row("a", huge, "1"), row("b", "short!", "2"), row("c", "", "3"));

    RowsDelta.Changed changed = changed(older, newer, List.of("amount"), 3);

    assertThat(read(changed.rows()))
        .containsExactly(row("id", "name", "amount"), row("b", "short!", "2"));
    assertThat(changed.unchanged()).isEqualTo(2);
  }

  @Test
  void aKeyTwiceInTheNewerFileLoadsEveryRow() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"), row("2", "b", "2.00"));
    Path newer = rows("newer", row("1", "a", "1.00"), row("2", "b", "2.00"), row("1", "z", "9.00"));

    assertThat(compare(older, newer, List.of("id"), 2))
        .isEqualTo(new RowsDelta.Whole("a key appears more than once in the rows file"));
  }

  @Test
  void aKeyTwiceInTheOlderFileMakesItsNewerRowChanged() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"), row("1", "a", "1.00"), row("2", "b", "2.00"));
    Path newer = rows("newer", row("1", "a", "1.00"), row("2", "b", "2.00"));

    assertThat(read(changed(older, newer, List.of("id"), 3).rows()))
        .containsExactly(row("id", "name", "amount"), row("1", "a", "1.00"));
  }

  @Test
  void anOlderFileThatIsNotTheOneLoadedIsNotTrusted() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"));
    Path newer = rows("newer", row("1", "a", "2.00"));

    RowsDelta.Outcome outcome =
        RowsDelta.compare(
            older,
            "0".repeat(64),
            newer,
            List.of("id"),
            1,
            (p, s) -> Files.createTempFile(dir, p, s));

    assertThat(outcome)
        .isEqualTo(new RowsDelta.Whole("the earlier load's rows file was replaced or damaged"));
  }

  @Test
  void otherColumnsOrEveryRowChangedLoadEveryRow() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"));
    Path otherColumns = dir.resolve("other.csv.zst");
    try (OutputStream out = Codec.compress(Files.newOutputStream(otherColumns))) {
      RowsFile.write(out, List.of("id", "name"), List.<String[]>of(new String[] {"1", "a"}));
    }
    Path allChanged = rows("all", row("1", "a", "2.00"));

    assertThat(compare(older, otherColumns, List.of("id"), 1))
        .isEqualTo(new RowsDelta.Whole("the earlier load's rows file has other columns"));
    assertThat(compare(older, allChanged, List.of("id"), 1))
        .isEqualTo(new RowsDelta.Whole("every row changed"));
  }

  @Test
  void nothingChangedGivesAHeaderOnlyFileAndNoTemporaryFilesStay() throws IOException {
    Path older = rows("older", row("1", "a", "1.00"), row("2", "b", "2.00"));
    Path newer = rows("newer", row("2", "b", "2.00"), row("1", "a", "1.00"));

    RowsDelta.Changed changed = changed(older, newer, List.of("id"), 2);

    assertThat(read(changed.rows())).containsExactly(row("id", "name", "amount"));
    assertThat(changed.unchanged()).isEqualTo(2);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".bucket"));
    }
  }

  @Test
  void theHashIsMurmur3() {
    byte[] hell = "hell".getBytes(StandardCharsets.US_ASCII);
    RowHash hash = new RowHash().hash(hell, 0, hell.length, 0);
    assertThat(hash.h1()).isEqualTo(0x629942693e10f867L);
    assertThat(hash.h2()).isEqualTo(0x92db0b82baeb5347L);
    byte[] longer =
        "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    assertThat(new RowHash().hash(longer, 0, longer.length, 0).h1()).isEqualTo(0xe34bbc7bbc071b6cL);
  }

  private RowsDelta.Changed changed(Path older, Path newer, List<String> key, long rows)
      throws IOException {
    RowsDelta.Outcome outcome = compare(older, newer, key, rows);
    assertThat(outcome).isInstanceOf(RowsDelta.Changed.class);
    return (RowsDelta.Changed) outcome;
  }

  private RowsDelta.Outcome compare(Path older, Path newer, List<String> key, long rows)
      throws IOException {
    return RowsDelta.compare(
        older, Checksum.of(older), newer, key, rows, (p, s) -> Files.createTempFile(dir, p, s));
  }

  private static String[] row(String... values) {
    return values;
  }

  private Path rows(String name, String[]... rows) throws IOException {
    Path file = dir.resolve(name + ".csv.zst");
    try (OutputStream out = Codec.compress(Files.newOutputStream(file))) {
      RowsFile.write(out, HEADER, List.of(rows));
    }
    return file;
  }

  private static List<String[]> read(Path file) throws IOException {
    try (InputStream in = Codec.decompress(Files.newInputStream(file))) {
      return RowsFile.read(in);
    }
  }
}
