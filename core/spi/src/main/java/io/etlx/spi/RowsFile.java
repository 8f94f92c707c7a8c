package io.etlx.spi;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed rows file: the one contract between the transform, which writes it, and every
 * warehouse's bulk loader, which reads it.
 *
 * <ul>
 *   <li>zstd-compressed CSV (RFC 4180; gzip from earlier versions, see {@link Compression}): UTF-8,
 *       comma-separated, double-quote quoting with {@code ""} for a quote inside a value, {@code
 *       \n} line ends;
 *   <li>a header line of the column names, in table order, unquoted;
 *   <li>SQL NULL is an empty unquoted field, the empty string {@code ""}; any other value is quoted
 *       only when it {@linkplain #needsQuotes needs to be} (a delimiter, quote, line break or
 *       backslash in it, or a space at either end), so numbers, dates and most text are bare —
 *       which warehouses parse up to twice as fast (files of earlier versions quote every value,
 *       and read the same);
 *   <li>values in canonical text: plain decimals ({@code -12.50}), ISO dates ({@code 2020-12-01}),
 *       timestamps as {@value #TIMESTAMP_PATTERN} in UTC, booleans as {@code true}/{@code false}.
 * </ul>
 *
 * A loader states its warehouse's options for this format next to a reference to this class; the
 * upsert conformance suite loads files written by {@link Writer} into each warehouse and reads them
 * back.
 */
public final class RowsFile {
  /** The artifact's name beside its raw partition. */
  public static final String NAME = "rows.csv.zst";

  /** The name earlier versions gave it (gzip): still read, never written. */
  public static final String LEGACY_NAME = "rows.csv.gz";

  public static final char DELIMITER = ',';
  public static final char QUOTE = '"';

  /** The timestamp pattern, in {@link java.time.format.DateTimeFormatter} letters. */
  public static final String TIMESTAMP_PATTERN = "uuuu-MM-dd HH:mm:ss.SSSSSS";

  private RowsFile() {}

  /**
   * Whether a value is written quoted: when it is empty (a bare empty field is NULL), holds a
   * delimiter, quote, CR or LF (CSV), or a backslash ({@code \.} alone on a line ends PostgreSQL's
   * COPY), or starts or ends with a space or tab (which some warehouses' loaders trim).
   */
  public static boolean needsQuotes(CharSequence value) {
    int n = value.length();
    if (n == 0 || edge(value.charAt(0)) || edge(value.charAt(n - 1))) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      if (special(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@link #needsQuotes(CharSequence)} for UTF-8 bytes {@code [start, end)} of {@code data}. */
  public static boolean needsQuotes(byte[] data, int start, int end) {
    if (start == end || edge((char) data[start]) || edge((char) data[end - 1])) {
      return true;
    }
    for (int i = start; i < end; i++) {
      // the bytes of a multi-byte UTF-8 character are all >= 0x80: never one of these
      if (special((char) data[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean special(char c) {
    return c == DELIMITER || c == QUOTE || c == '\n' || c == '\r' || c == '\\';
  }

  private static boolean edge(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * How a rows file is compressed: from its first bytes when it exists, else from its name (a
   * loader describing its SQL for a file not written yet).
   */
  public static Compression compression(Path rows) {
    if (Files.isRegularFile(rows)) {
      try {
        return Compression.of(rows);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rows file " + rows + ": " + e.getMessage(), e);
      }
    }
    return rows.getFileName().toString().endsWith(".gz") ? Compression.GZIP : Compression.ZSTD;
  }

  /** Writes rows (uncompressed text: the caller wraps {@code stream} in gzip and closes it). */
  public static final class Writer implements AutoCloseable {
    private final java.io.Writer out;

    public Writer(OutputStream stream, List<String> header) throws IOException {
      this.out =
          new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
      out.write(String.join(",", header));
      out.write('\n');
    }

    /** One row; a null value is SQL NULL. */
    public void write(String[] row) throws IOException {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.write(DELIMITER);
        }
        if (row[i] == null) {
          continue;
        }
        if (needsQuotes(row[i])) {
          quoted(row[i]);
        } else {
          out.write(row[i]);
        }
      }
      out.write('\n');
    }

    private void quoted(String value) throws IOException {
      out.write(QUOTE);
      if (value.indexOf(QUOTE) < 0) {
        out.write(value);
      } else {
        out.write(value.replace("\"", "\"\""));
      }
      out.write(QUOTE);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /**
   * Writes whole rows as text to {@code out} (closed): for tests and tools, which compress it; the
   * transform streams with {@link Writer}.
   */
  public static void write(OutputStream out, List<String> header, List<String[]> rows) {
    try (Writer writer = new Writer(out, header)) {
      for (String[] row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write rows: " + e.getMessage(), e);
    }
  }

  /**
   * The header and rows of a rows file's text (decompressed), closing {@code text}; small files
   * only (tests, diagnostics).
   */
  public static List<String[]> read(InputStream text) {
    try (Reader reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      List<String> row = new ArrayList<>();
      StringBuilder value = new StringBuilder();
      boolean quoted = false;
      boolean inQuotes = false;
      boolean header = true;
      for (int c = reader.read(); c >= 0; c = reader.read()) {
        if (inQuotes) {
          if (c != QUOTE) {
            value.append((char) c);
            continue;
          }
          reader.mark(1);
          if (reader.read() == QUOTE) {
            value.append(QUOTE);
          } else {
            reader.reset();
            inQuotes = false;
          }
        } else if (c == QUOTE) {
          inQuotes = true;
          quoted = true;
        } else if (c == DELIMITER || c == '\n') {
          row.add(
              quoted || header ? value.toString() : value.length() == 0 ? null : value.toString());
          value.setLength(0);
          quoted = false;
          if (c == '\n') {
            rows.add(row.toArray(String[]::new));
            row.clear();
            header = false;
          }
        } else {
          value.append((char) c);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rows: " + e.getMessage(), e);
    }
  }
}
