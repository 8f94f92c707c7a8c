package io.etlx.delta;

import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The records of a rows file's text, one at a time, without decoding them: each is a byte range
 * (without its line end), with a hash of the raw bytes of its key fields. A line break inside a
 * quoted value belongs to its record: every quote toggles "inside quotes", which a doubled quote
 * toggles back.
 */
final class RowsScanner {
  private final InputStream in;
  private boolean[] key;
  private final RowHash hash = new RowHash();
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
    this.key = new boolean[0];
  }

  /**
   * Which fields make the key, by index (shorter than the row: the rest are not), for the records
   * after the current one.
   */
  void keyFields(boolean[] fields) {
    this.key = fields.clone();
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
    return new String(buffer, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes the current record and a line end. */
  void writeTo(OutputStream out) throws IOException {
    out.write(buffer, start, end - start);
    out.write('\n');
  }
}
