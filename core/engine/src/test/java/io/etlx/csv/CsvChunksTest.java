package io.etlx.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvChunksTest {
  @Test
  void chunksHoldWholeRowsWhateverTheBlockSize() throws IOException {
    String text = randomCsv(new Random(7), 2_000);
    List<List<String>> whole = CsvParserTest.rows(text);
    List<Integer> wholeLines = lines(text, 1 << 20);

    for (int block : new int[] {7, 16, 61, 1000, 1 << 20}) {
      List<List<String>> rows = new ArrayList<>();
      long counted = 0;
      CsvChunks chunks = chunks(text, block, null);
      for (CsvChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        List<List<String>> part =
            CsvParserTest.rows(new String(chunk.data(), 0, chunk.length(), StandardCharsets.UTF_8));
        assertThat(part).as("block %d", block).hasSize((int) chunk.rows());
        rows.addAll(part);
        counted += chunk.rows();
      }
      assertThat(rows).as("block %d", block).isEqualTo(whole);
      assertThat(counted).isEqualTo(whole.size());
      assertThat(lines(text, block)).as("block %d", block).isEqualTo(wholeLines);
    }
  }

  @Test
  void releasedChunksArraysHoldLaterChunks() throws IOException {
    String text = randomCsv(new Random(3), 2_000);
    Set<byte[]> released = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<byte[]> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    List<List<String>> rows = new ArrayList<>();

    CsvChunks releasing = chunks(text, 1000, null);
    for (CsvChunks.Chunk chunk = releasing.next(); chunk != null; chunk = releasing.next()) {
      rows.addAll(
          CsvParserTest.rows(new String(chunk.data(), 0, chunk.length(), StandardCharsets.UTF_8)));
      released.add(chunk.data());
      chunk.release();
    }
    int chunks = 0;
    CsvChunks keeping = chunks(text, 1000, null);
    for (CsvChunks.Chunk chunk = keeping.next(); chunk != null; chunk = keeping.next()) {
      kept.add(chunk.data());
      chunks++;
    }

    assertThat(rows).isEqualTo(CsvParserTest.rows(text));
    assertThat(chunks).isGreaterThan(20);
    // the chunk being read and the rest of its last row: two arrays for the whole stream
    assertThat(released).hasSize(2);
    assertThat(kept).hasSize(chunks);
  }

  @Test
  void buffersKeepAFewArraysOfTheirSizeForReuse() {
    Buffers buffers = new Buffers(16, 2);
    byte[] first = buffers.take(10);
    byte[] larger = buffers.take(40);

    buffers.give(first);
    buffers.give(larger); // another size: dropped
    buffers.give(new byte[16]);
    buffers.give(new byte[16]); // a third: dropped

    assertThat(first).hasSize(16);
    assertThat(larger).hasSize(40);
    assertThat(buffers.waiting()).isEqualTo(2);
    assertThat(buffers.take(16)).isNotSameAs(first).hasSize(16);
    assertThat(buffers.take(16)).isSameAs(first);
    assertThat(buffers.take(17)).hasSize(17);
    assertThat(buffers.waiting()).isZero();
  }

  @Test
  void aRowLongerThanTheBlockGrowsTheBuffer() throws IOException {
    String big = "x".repeat(100);
    CsvChunks chunks = chunks("a,b\n\"" + big + "\",1\n", 8, null);
    List<List<String>> rows = new ArrayList<>();
    for (CsvChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
      rows.addAll(
          CsvParserTest.rows(new String(chunk.data(), 0, chunk.length(), StandardCharsets.UTF_8)));
    }
    assertThat(rows).containsExactly(List.of("a", "b"), List.of(big, "1"));
  }

  @Test
  void chunksAfterALongRowAreBlocksAgain() throws IOException {
    String text = "a,b\n\"" + "x".repeat(100) + "\",1\n" + "1,2\n".repeat(200);
    List<Integer> sizes = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    CsvChunks chunks = chunks(text, 16, null);
    for (CsvChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
      rows.addAll(
          CsvParserTest.rows(new String(chunk.data(), 0, chunk.length(), StandardCharsets.UTF_8)));
      sizes.add(chunk.data().length);
      chunk.release();
    }

    assertThat(rows).isEqualTo(CsvParserTest.rows(text));
    int longRow = sizes.indexOf(sizes.stream().max(Integer::compare).orElseThrow());
    assertThat(sizes.get(longRow)).isGreaterThan(100);
    assertThat(sizes.subList(longRow + 1, sizes.size())).isNotEmpty().containsOnly(16);
  }

  @Test
  void anUnclosedQuoteInAStreamFailsOnceItsValueIsTooLongNotWhenTheHeapIsFull() {
    // an endless stream after an opening quote: the value limit stops it, the buffer stays bounded
    InputStream endless =
        new InputStream() {
          private final byte[] start = "a,b\n1,\"".getBytes(StandardCharsets.UTF_8);
          private int position;

          @Override
          public int read() {
            return position < start.length ? start[position++] : 'x';
          }
        };
    CsvChunks chunks = new CsvChunks(endless, ',', "f.csv", null);
    assertThatThrownBy(
            () -> {
              while (chunks.next() != null) {}
            })
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE))
        .hasMessageContaining("line 2 of f.csv has a value longer than");
  }

  @Test
  void theCopyKeepsTheBytesAndCountsRecords() throws IOException {
    String text = "\uFEFFid,name\r\n1,\"a,b\"\n\n2,\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] progress = {0};
    CsvCopy.Result result =
        CsvCopy.copy(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            out,
            ',',
            "f.csv",
            n -> progress[0] = n);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(text);
    assertThat(result.records()).isEqualTo(2);
    assertThat(result.header()).containsExactly("id", "name");
    assertThat(progress[0]).isEqualTo(2);
  }

  @Test
  void anEmptyFileHasNoHeaderAndNoRecords() throws IOException {
    CsvCopy.Result result =
        CsvCopy.copy(
            new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), ',', "f", n -> {});
    assertThat(result.records()).isZero();
    assertThat(result.header()).isEmpty();
  }

  @Test
  void theCopyFailsOnWhatReadingRecordsWouldRejectNamingTheLine() {
    assertThatThrownBy(() -> copy("a,b\n1,2\n\"3\n4\",5,6\n", 5))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE))
        .hasMessage(
            "line 3 of f.csv has 3 fields but the header has 2; check the delimiter and the quoting"
                + " of that line");
    assertThatThrownBy(() -> copy("a,a\n1,2\n", 1 << 10))
        .hasMessageContaining("names column 'a' twice");
    assertThatThrownBy(() -> copy("a,\n1,2\n", 1 << 10))
        .hasMessageContaining("has no name for column 2");
  }

  @Test
  void bytesThatAreNotUtf8FailNamingTheLine() {
    byte[] latin1 = "a\nok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    for (int block : new int[] {4, 1 << 10}) {
      assertThatThrownBy(
              () ->
                  CsvCopy.copy(
                      new Blocks(latin1, block),
                      new ByteArrayOutputStream(),
                      ',',
                      "f.csv",
                      n -> {}))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE))
          .hasMessage(
              "f.csv is not valid UTF-8 text (line 3); set 'encoding' to the file's encoding");
    }
    // overlong encodings and surrogates are not UTF-8 either
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0xC0, (byte) 0x80},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
      assertThatThrownBy(() -> Utf8.check(bad, bad.length, 1, "f"))
          .isInstanceOf(EtlxException.class);
    }
    byte[] good = "€ 𝄞 ü".getBytes(StandardCharsets.UTF_8);
    Utf8.check(good, good.length, 1, "f");
  }

  private static void copy(String text, int block) throws IOException {
    CsvCopy.copy(
        new Blocks(text.getBytes(StandardCharsets.UTF_8), block),
        new ByteArrayOutputStream(),
        ',',
        "f.csv",
        n -> {});
  }

  private static CsvChunks chunks(String text, int block, CsvChunks.Rows visitor) {
    return new CsvChunks(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ',', "t", visitor, block);
  }

  /** The line of every row, as the chunk cutter's visitor sees them. */
  private static List<Integer> lines(String text, int block) throws IOException {
    List<Integer> lines = new ArrayList<>();
    CsvChunks chunks = chunks(text, block, row -> lines.add(row.rowLine()));
    while (chunks.next() != null) {}
    return lines;
  }

  /** Rows with quotes, delimiters, line breaks, empty and null fields and blank lines. */
  private static String randomCsv(Random random, int rows) {
    String[] pieces = {"", "a", "bc", " ", "x,y", "q\"q", "line\nbreak", "cr\rlf\r\n", "é日", "1.5"};
    StringBuilder text = new StringBuilder("c1,c2,c3\n");
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 3; c++) {
        if (c > 0) {
          text.append(',');
        }
        String piece = pieces[random.nextInt(pieces.length)];
        boolean quote = piece.isEmpty() ? random.nextBoolean() : piece.matches("(?s).*[,\"\r\n].*");
        text.append(quote ? "\"" + piece.replace("\"", "\"\"") + "\"" : piece);
      }
      text.append(random.nextInt(3) == 0 ? "\r\n" : "\n");
      if (random.nextInt(20) == 0) {
        text.append('\n');
      }
    }
    return text.toString();
  }

  /** Hands out at most {@code block} bytes per read, as a network stream would. */
  private static final class Blocks extends InputStream {
    private final byte[] data;
    private final int block;
    private int position;

    Blocks(byte[] data, int block) {
      this.data = data;
      this.block = block;
    }

    @Override
    public int read() {
      return position < data.length ? data[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, block), data.length - position);
      System.arraycopy(data, position, b, off, n);
      position += n;
      return n;
    }
  }
}
