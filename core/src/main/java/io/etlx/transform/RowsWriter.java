package io.etlx.transform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the rows file every dialect bulk-loads: CSV (RFC 4180) with a header; NULL is an empty
 * unquoted field and every non-NULL text is quoted, so an empty string and NULL stay distinct.
 */
final class RowsWriter implements AutoCloseable {
  private final Writer out;

  RowsWriter(OutputStream stream, List<String> header) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    out.write(String.join(",", header));
    out.write('\n');
  }

  void write(String[] row) throws IOException {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      if (row[i] != null) {
        quoted(row[i]);
      }
    }
    out.write('\n');
  }

  private void quoted(String value) throws IOException {
    out.write('"');
    if (value.indexOf('"') < 0) {
      out.write(value);
    } else {
      out.write(value.replace("\"", "\"\""));
    }
    out.write('"');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
