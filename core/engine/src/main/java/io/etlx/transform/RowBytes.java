package io.etlx.transform;

import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Rows encoded as the rows file holds them, into a growing byte buffer: the same bytes {@link
 * RowsFile.Writer} writes (every value quoted, {@code ""} inside, NULL as an empty field), written
 * without a {@link java.io.Writer} so a thread can encode a chunk of rows on its own.
 */
final class RowBytes {
  private byte[] bytes;
  private int size;

  RowBytes(int capacity) {
    bytes = new byte[Math.max(capacity, 64)];
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
        quoted(row[i]);
      }
    }
    put((byte) '\n');
  }

  private void quoted(String value) {
    int n = value.length();
    ensure(n + 2);
    bytes[size++] = (byte) RowsFile.QUOTE;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        // not ASCII: encode the rest as the JDK does (surrogate pairs included)
        byte[] rest = value.substring(i).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
        ensure(rest.length + 1);
        System.arraycopy(rest, 0, bytes, size, rest.length);
        size += rest.length;
        break;
      }
      if (c == RowsFile.QUOTE) {
        ensure(n - i + 2);
        bytes[size++] = (byte) RowsFile.QUOTE;
      }
      bytes[size++] = (byte) c;
    }
    ensure(1);
    bytes[size++] = (byte) RowsFile.QUOTE;
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
}
