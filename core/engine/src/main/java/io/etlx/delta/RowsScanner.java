package io.etlx.delta;

import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records of a rows file's text, one at a time, without decoding them: each is a byte range
 * (without its line end), with a hash of the raw bytes of its key fields. A line break inside a
 * quoted value belongs to its record: every quote toggles "inside quotes", which a doubled quote
 * toggles back. Past the last key field only quotes and line ends matter, and those are found eight
 * bytes at a time.
 */
final class RowsScanner {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * RowsFile.QUOTE;
  private static final long LINE_ENDS = ONES * '\n';

  private final InputStream in;
  private final RowHash hash = new RowHash();
  private boolean[] key = new boolean[0];
  private int lastKey = -1;
  private byte[] buffer = new byte[1 << 20];
  private int limit;
  private int start;
  private int end;
  private int next;
  private long keyHash;
  private boolean eof;

  /**
   * @param text the rows file's text (decompressed), read to its end and not closed here
   */
  RowsScanner(InputStream text) {
    this.in = text;
  }

  /**
   * Which fields make the key, by index (shorter than the row: the rest are not), for the records
   * after the current one.
   */
  void keyFields(boolean[] fields) {
    this.key = fields.clone();
    this.lastKey = -1;
    for (int i = 0; i < fields.length; i++) {
      if (fields[i]) {
        lastKey = i;
      }
    }
  }

  /** Moves to the next record; false at the end of the text. */
  boolean next() throws IOException {
    start = next;
    int pos = start;
    int field = 0;
    int fieldStart = start;
    boolean quoted = false;
    long keys = 0;
    while (true) {
      if (pos == limit) {
        if (eof) {
          if (pos == start) {
            return false;
          }
          // a last record without its line end
          keyHash = keyField(field, fieldStart, pos, keys);
          end = pos;
          next = pos;
          return true;
        }
        int shift = start;
        if (shift > 0) {
          System.arraycopy(buffer, shift, buffer, 0, limit - shift);
          limit -= shift;
          pos -= shift;
          fieldStart -= shift;
          start = 0;
        }
        if (limit == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2); // a record longer than the buffer
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
          eof = true;
        } else {
          limit += n;
        }
        continue;
      }
      if (field > lastKey) {
        pos = skip(pos, quoted);
        if (pos == limit) {
          continue;
        }
      }
      byte b = buffer[pos];
      if (b == RowsFile.QUOTE) {
        quoted = !quoted;
      } else if (!quoted && (b == RowsFile.DELIMITER || b == '\n')) {
        keys = keyField(field, fieldStart, pos, keys);
        field++;
        fieldStart = pos + 1;
        if (b == '\n') {
          keyHash = keys;
          end = pos;
          next = pos + 1;
          return true;
        }
      }
      pos++;
    }
  }

  /**
   * The first position from {@code pos} that may hold a quote or (outside quotes) a line end,
   * looking at eight bytes at a time; the last few bytes of the buffer are left to the byte loop.
   */
  private int skip(int pos, boolean quoted) {
    while (pos + 8 <= limit) {
      long word = (long) LONGS.get(buffer, pos);
      long found = quoted ? bytes(word, QUOTES) : bytes(word, QUOTES) | bytes(word, LINE_ENDS);
      if (found != 0) {
        // the lowest flagged byte is exact (only bytes above a match can be flagged falsely)
        return pos + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      pos += 8;
    }
    return pos;
  }

  /** A high bit in each byte of {@code word} equal to the byte repeated in {@code pattern}. */
  private static long bytes(long word, long pattern) {
    long x = word ^ pattern;
    return (x - ONES) & ~x & HIGHS;
  }

  private long keyField(int field, int from, int to, long keys) {
    if (field < key.length && key[field]) {
      return hash.hash(buffer, from, to - from, keys).h1();
    }
    return keys;
  }

  /** The hash of the current record's key fields, as written (quotes included). */
  long keyHash() {
    return keyHash;
  }

  /** Hashes the current record's bytes into {@code into}. */
  RowHash hashRecord(RowHash into) {
    return into.hash(buffer, start, end - start, 0);
  }

  /** The current record's bytes, as a string: for its header. */
  String text() {
    return new String(buffer, start, end - start, StandardCharsets.UTF_8);
  }

  /** Writes the current record and a line end. */
  void writeTo(OutputStream out) throws IOException {
    out.write(buffer, start, end - start);
    out.write('\n');
  }
}
