package io.etlx.transform;

import io.etlx.csv.CsvParser;
import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Rows encoded as the rows file holds them, into a growing byte buffer: the same bytes {@link
 * RowsFile.Writer} writes (a value quoted only when {@link RowsFile#needsQuotes} says so, {@code
 * ""} inside, NULL as an empty field), written without a {@link java.io.Writer} so a thread can
 * encode a chunk of rows on its own.
 */
final class RowBytes {
  private byte[] bytes;
  private int size;

  /** Rows written into {@code buffer} (from its start), a larger array once it is full. */
  RowBytes(byte[] buffer) {
    bytes = buffer;
  }

  /** The header line: the column names, unquoted. */
  static byte[] header(List<String> names) {
    return (String.join(String.valueOf(RowsFile.DELIMITER), names) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  void row(String[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        put((byte) RowsFile.DELIMITER);
      }
      if (row[i] != null) {
        value(row[i]);
      }
    }
    put((byte) '\n');
  }

  /**
   * A row whose columns {@code direct[i] >= 0} are text copied as they are from field {@code
   * direct[i]} of the parsed CSV row (no String made of them); the others are {@code row[i]}.
   */
  void row(String[] row, CsvParser parsed, int[] direct) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        put((byte) RowsFile.DELIMITER);
      }
      int field = direct[i];
      if (field >= 0) {
        if (!parsed.isNull(field)) {
          value(parsed.data(), parsed.start(field), parsed.end(field), parsed.escaped(field));
        }
      } else if (row[i] != null) {
        value(row[i]);
      }
    }
    put((byte) '\n');
  }

  /**
   * UTF-8 text as a field, quoted when it needs to be. {@code escaped}: its quotes are already
   * doubled (a quoted CSV field's bytes); otherwise any quote in it is doubled here.
   */
  private void value(byte[] data, int start, int end, boolean escaped) {
    int n = end - start;
    // a field with a quote in it (escaped or not) needs quotes; any other is judged by its bytes,
    // which are then its text, so a source's needless quotes are dropped as the Writer drops them
    if (!RowsFile.needsQuotes(data, start, end)) {
      ensure(n);
      System.arraycopy(data, start, bytes, size, n);
      size += n;
      return;
    }
    ensure(n * 2 + 2);
    bytes[size++] = (byte) RowsFile.QUOTE;
    if (escaped) {
      System.arraycopy(data, start, bytes, size, n);
      size += n;
    } else {
      for (int i = start; i < end; i++) {
        byte b = data[i];
        if (b == RowsFile.QUOTE) {
          bytes[size++] = (byte) RowsFile.QUOTE;
        }
        bytes[size++] = b;
      }
    }
    bytes[size++] = (byte) RowsFile.QUOTE;
  }

  private void value(String value) {
    boolean quoted = RowsFile.needsQuotes(value);
    if (quoted) {
      put((byte) RowsFile.QUOTE);
    }
    text(value, quoted);
    if (quoted) {
      put((byte) RowsFile.QUOTE);
    }
  }

  /** {@code value} as UTF-8, each quote in it doubled when {@code quoted}. */
  private void text(String value, boolean quoted) {
    int n = value.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        // not ASCII: encode the rest as the JDK does (surrogate pairs included)
        String rest = value.substring(i);
        byte[] encoded =
            (quoted ? rest.replace("\"", "\"\"") : rest).getBytes(StandardCharsets.UTF_8);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
        return;
      }
      if (quoted && c == RowsFile.QUOTE) {
        ensure(n - i + 1);
        bytes[size++] = (byte) RowsFile.QUOTE;
      }
      bytes[size++] = (byte) c;
    }
  }

  private void put(byte b) {
    ensure(1);
    bytes[size++] = b;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, size);
  }

  int size() {
    return size;
  }

  /** The array the rows are in: {@code buffer} given, or the larger one that replaced it. */
  byte[] buffer() {
    return bytes;
  }
}
