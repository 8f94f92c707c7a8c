package io.etlx.csv;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 CSV bytes into rows without copying them: each field is a range of the buffer, made
 * a String only when asked for. RFC 4180 as the file source reads it: quoted fields may hold
 * delimiters, line breaks and {@code ""} escapes; rows end with CRLF, LF or a lone CR; an unquoted
 * empty field is {@code null} and a quoted one ({@code ""}) the empty string; spaces are data; a
 * line with nothing on it is no row.
 *
 * <p>Parses one segment of a buffer. When the segment is not the end of the data ({@code last}
 * false) and a row runs past its end, {@link #next()} stops before that row and {@link
 * #incomplete()} says so: the caller moves the rest to the next segment. Line numbers count
 * physical lines from {@code firstLine}, so an error names the line a text editor shows.
 */
public final class CsvParser {
  private static final int MAX_VALUE_BYTES = RecordSink.MAX_VALUE_CHARS;

  /** The longest row read: one value at its limit, four bytes a character, and then some. */
  static final int MAX_ROW_BYTES = 64 << 20;

  private final byte[] data;
  private final int end;
  private final boolean last;
  private final byte delimiter;
  private final String from;
  private int position;
  private int line;
  private int rowLine;
  private int rowStart;
  private boolean incomplete;

  private int count;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private byte[] kinds = new byte[16];

  private static final byte UNQUOTED = 0;
  private static final byte QUOTED = 1;
  private static final byte ESCAPED = 2; // quoted, with "" inside

  /**
   * @param last whether {@code end} is the end of the data (a row may end there without a line
   *     break)
   * @param firstLine the line number of the byte at {@code start}
   * @param from names the file in errors
   */
  public CsvParser(
      byte[] data, int start, int end, boolean last, char delimiter, int firstLine, String from) {
    this.data = data;
    this.position = start;
    this.rowStart = start;
    this.end = end;
    this.last = last;
    this.delimiter = (byte) delimiter;
    this.line = firstLine;
    this.from = from;
  }

  /**
   * Parses the next row with at least one field that is not blank; false at the end of the segment
   * (and then, if a row runs past it, {@link #incomplete()}).
   */
  public boolean next() {
    while (true) {
      if (position >= end) {
        return false;
      }
      int start = position;
      int startLine = line;
      if (!row()) {
        position = start;
        line = startLine;
        incomplete = true;
        return false;
      }
      rowStart = start;
      rowLine = startLine;
      if (!(count == 1 && kinds[0] == UNQUOTED && starts[0] == ends[0])) {
        return true;
      }
      // an empty line between rows (or several at the end) is layout, not a row of nulls
    }
  }

  /** Whether the segment ended inside a row that continues in the next one. */
  public boolean incomplete() {
    return incomplete;
  }

  /** Where the row {@link #next()} did not finish starts: the next segment begins there. */
  public int position() {
    return position;
  }

  /** The line the next row (or the unfinished one) starts on. */
  public int line() {
    return line;
  }

  /** The line the current row starts on (1-based). */
  public int rowLine() {
    return rowLine;
  }

  /** Where the current row starts in the buffer. */
  public int rowStart() {
    return rowStart;
  }

  public int fields() {
    return count;
  }

  /** Whether field {@code i} is null (unquoted and empty). */
  public boolean isNull(int i) {
    return kinds[i] == UNQUOTED && starts[i] == ends[i];
  }

  /** The buffer the fields are ranges of. */
  public byte[] data() {
    return data;
  }

  /** Where field {@code i}'s text starts in {@link #data()} (inside its quotes). */
  public int start(int i) {
    return starts[i];
  }

  /** Where field {@code i}'s text ends in {@link #data()}. */
  public int end(int i) {
    return ends[i];
  }

  /**
   * Whether field {@code i}'s bytes write every quote of its text as {@code ""} (a quoted field);
   * an unquoted field's bytes are its text, quotes included as they are.
   */
  public boolean escaped(int i) {
    return kinds[i] != UNQUOTED;
  }

  /** Field {@code i} of the current row: null for an unquoted empty field. */
  public String text(int i) {
    int s = starts[i];
    int e = ends[i];
    byte kind = kinds[i];
    if (kind == UNQUOTED && s == e) {
      return null;
    }
    String text = new String(data, s, e - s, StandardCharsets.UTF_8);
    return kind == ESCAPED ? text.replace("\"\"", "\"") : text;
  }

  /** Reads one row into the field arrays; false when it runs past a segment that is not last. */
  private boolean row() {
    count = 0;
    int p = position;
    int first = line;
    while (true) {
      if (count == starts.length) {
        grow();
      }
      if (p < end && data[p] == '"') {
        // quoted: up to the quote that is not doubled
        int s = p + 1;
        int q = s;
        boolean escaped = false;
        int lines = 0;
        while (true) {
          if (q >= end) {
            if (!last) {
              checkSize(s, q, first); // an unclosed quote must not grow the buffer without end
              return false;
            }
            throw garbage(
                "the quoted field starting on line "
                    + first
                    + " of "
                    + from
                    + " is never closed; check for a missing quote");
          }
          byte b = data[q];
          if (b == '"') {
            if (q + 1 < end && data[q + 1] == '"') {
              escaped = true;
              q += 2;
              continue;
            }
            if (q + 1 >= end && !last) {
              return false; // a doubled quote may follow in the next segment
            }
            break;
          }
          if (b == '\n') {
            lines++;
          }
          q++;
        }
        checkSize(s, q, first);
        starts[count] = s;
        ends[count] = q;
        kinds[count++] = escaped ? ESCAPED : QUOTED;
        line += lines;
        p = q + 1;
        if (p < end) {
          byte b = data[p];
          if (b != delimiter && b != '\r' && b != '\n') {
            throw garbage(
                "line "
                    + line
                    + " of "
                    + from
                    + " has text after a closing quote; "
                    + "quote the whole field and write a quote inside it as \"\"");
          }
        }
      } else {
        int s = p;
        while (p < end) {
          byte b = data[p];
          if (b == delimiter || b == '\n' || b == '\r') {
            break;
          }
          p++;
        }
        checkSize(s, p, first);
        starts[count] = s;
        ends[count] = p;
        kinds[count++] = UNQUOTED;
      }
      if (p >= end) {
        if (!last) {
          checkRow(position, p, first);
          return false;
        }
        position = p;
        return true;
      }
      byte b = data[p];
      if (b == delimiter) {
        p++;
        continue;
      }
      // a row end: CRLF, LF or a lone CR
      if (b == '\r') {
        if (p + 1 >= end && !last) {
          return false; // an LF may follow in the next segment
        }
        if (p + 1 < end && data[p + 1] == '\n') {
          p++;
        }
      }
      position = p + 1;
      line++;
      return true;
    }
  }

  /**
   * A row may span many values, but not more bytes than a buffer can hold: beyond that it is
   * garbage (most likely quoting gone wrong), not a row to read.
   */
  private void checkRow(int start, int end, int rowLine) {
    if (end - start > MAX_ROW_BYTES) {
      throw garbage(
          "the row starting on line "
              + rowLine
              + " of "
              + from
              + " is longer than "
              + (MAX_ROW_BYTES >> 20)
              + " MiB; check the quoting (an unclosed quote swallows the rest of the file)");
    }
  }

  private void grow() {
    int size = starts.length * 2;
    starts = Arrays.copyOf(starts, size);
    ends = Arrays.copyOf(ends, size);
    kinds = Arrays.copyOf(kinds, size);
  }

  /**
   * A value is at most {@link RecordSink#MAX_VALUE_CHARS} characters. Bytes are at least as many as
   * characters: only a value with more bytes than that can have more characters, and only then are
   * they counted (a character beyond the Basic Multilingual Plane counts two, as in Java; a doubled
   * quote one).
   */
  private void checkSize(int start, int end, int rowLine) {
    if (end - start <= MAX_VALUE_BYTES || chars(start, end) <= MAX_VALUE_BYTES) {
      return;
    }
    throw garbage(
        "line "
            + rowLine
            + " of "
            + from
            + " has a value longer than "
            + RecordSink.MAX_VALUE_CHARS
            + " characters, etlx's limit for one value; check the quoting (an unclosed quote"
            + " swallows the rest of the file) or split the value at the source");
  }

  private long chars(int start, int end) {
    long chars = 0;
    for (int i = start; i < end; i++) {
      byte b = data[i];
      if ((b & 0xC0) != 0x80) {
        chars += (b & 0xF8) == 0xF0 ? 2 : 1;
      }
      if (b == '"' && i + 1 < end && data[i + 1] == '"') {
        i++; // "" is one quote
      }
    }
    return chars;
  }

  private static EtlxException garbage(String message) {
    return new EtlxException(ErrorCode.SOURCE_GARBAGE, message);
  }
}
