package io.etlx.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a CSV stream into chunks of whole rows (a few MB each), so rows can be converted in parallel
 * and a row is never split between two threads. Each row is parsed once here to find where it ends,
 * and handed to an optional {@link Rows} visitor (the extract's checks).
 */
public final class CsvChunks {
  /** Rows of a chunk as the cutter parsed them. */
  public interface Rows {
    void row(CsvParser row);
  }

  /**
   * Whole rows, {@code data[0..length)}, starting on line {@code firstLine}.
   *
   * @param rows how many rows (blank lines not counted)
   * @param from where {@code data} goes back to, for a later chunk, once {@link #release}d
   */
  public record Chunk(byte[] data, int length, int firstLine, long rows, Buffers from) {
    /**
     * Gives {@code data} back to the cutter, which fills it with a later chunk: call it once
     * nothing reads the chunk any more, or never (the array is then garbage like any other).
     */
    public void release() {
      from.give(data);
    }
  }

  /** The bytes a chunk holds, unless one row is longer. */
  public static final int BLOCK = 1 << 20;

  /** Chunk arrays kept for reuse: more than a conversion has in flight (CsvTransform). */
  private static final int KEEP = 12;

  private final InputStream in;
  private final char delimiter;
  private final String from;
  private final Rows visitor;
  private final Buffers buffers;
  private byte[] buffer;
  private int length;
  private int line = 1;
  private boolean eof;

  /**
   * @param visitor sees every row, header included; null for none
   */
  public CsvChunks(InputStream in, char delimiter, String from, Rows visitor) {
    this(in, delimiter, from, visitor, BLOCK);
  }

  CsvChunks(InputStream in, char delimiter, String from, Rows visitor, int block) {
    this.in = in;
    this.delimiter = delimiter;
    this.from = from;
    this.visitor = visitor;
    this.buffers = new Buffers(block, KEEP);
    this.buffer = buffers.take(block);
  }

  /** The next chunk, or null at the end of the stream. */
  public Chunk next() throws IOException {
    while (true) {
      fill();
      if (length == 0) {
        return null;
      }
      CsvParser parser = new CsvParser(buffer, 0, length, eof, delimiter, line, from);
      long rows = 0;
      while (parser.next()) {
        rows++;
        if (visitor != null) {
          visitor.row(parser);
        }
      }
      int cut = parser.incomplete() ? parser.position() : length;
      if (cut == 0) {
        // one row is longer than the buffer: make room and read on (the parser refuses a row
        // beyond CsvParser.MAX_ROW_BYTES before the buffer gets there)
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, CsvParser.MAX_ROW_BYTES + 1));
        continue;
      }
      // the chunk keeps the array it was read into; the rest of a row goes on in another one
      Chunk chunk = new Chunk(buffer, cut, line, rows, buffers);
      line = parser.line();
      // a block again after a chunk grown for a long row (unless the rest of a row needs more)
      byte[] next = buffers.take(length - cut);
      System.arraycopy(buffer, cut, next, 0, length - cut);
      buffer = next;
      length -= cut;
      return chunk;
    }
  }

  private void fill() throws IOException {
    while (!eof && length < buffer.length) {
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        eof = true;
      } else {
        length += n;
      }
    }
  }
}
