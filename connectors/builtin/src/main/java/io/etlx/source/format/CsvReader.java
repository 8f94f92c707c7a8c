package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into rows, one row at a time: quoted fields may hold delimiters, line breaks
 * and {@code ""} escapes; rows end with CRLF, LF or a lone CR. An unquoted empty field is {@code
 * null} and a quoted one ({@code ""}) the empty string, so a file can tell "no value" from "empty
 * text". Spaces are data and are never trimmed.
 */
public final class CsvReader {
  private static final int EOF = -1;

  private final Reader in;
  private final char delimiter;
  private final String from;
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int length;
  private int line = 1;
  private int rowLine;

  /** {@code from} names the file in errors. */
  public CsvReader(Reader in, char delimiter, String from) {
    this.in = in;
    this.delimiter = delimiter;
    this.from = from;
  }

  /** The next row, or {@code null} after the last one. */
  public List<String> next() throws IOException {
    int c = read();
    if (c == EOF) {
      return null;
    }
    rowLine = line;
    List<String> fields = new ArrayList<>();
    while (true) {
      if (c == '"') {
        fields.add(quoted());
        c = read();
        if (c != delimiter && c != '\r' && c != '\n' && c != EOF) {
          throw garbage(
              "line "
                  + line
                  + " of "
                  + from
                  + " has text after a closing quote; "
                  + "quote the whole field and write a quote inside it as \"\"");
        }
      } else {
        StringBuilder field = new StringBuilder();
        while (c != delimiter && c != '\r' && c != '\n' && c != EOF) {
          field.append((char) c);
          checkSize(field);
          c = read();
        }
        fields.add(field.length() == 0 ? null : field.toString());
      }
      if (c == delimiter) {
        c = read();
        continue;
      }
      endRow(c);
      return fields;
    }
  }

  private void checkSize(StringBuilder field) {
    if (field.length() > RecordSink.MAX_VALUE_CHARS) {
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
  }

  /** The line on which the row last returned by {@link #next()} starts (1-based). */
  public int line() {
    return rowLine;
  }

  private String quoted() throws IOException {
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = read();
      if (c == EOF) {
        throw garbage(
            "the quoted field starting on line "
                + rowLine
                + " of "
                + from
                + " is never closed; check for a missing quote");
      }
      if (c == '"') {
        if (peek() != '"') {
          return field.toString();
        }
        read();
      } else if (c == '\n') {
        line++;
      }
      field.append((char) c);
      checkSize(field);
    }
  }

  private void endRow(int c) throws IOException {
    if (c == EOF) {
      return;
    }
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  private int read() throws IOException {
    if (position == length) {
      length = in.read(buffer, 0, buffer.length);
      position = 0;
      if (length <= 0) {
        length = 0;
        return EOF;
      }
    }
    return buffer[position++];
  }

  private int peek() throws IOException {
    int c = read();
    if (c != EOF) {
      position--;
    }
    return c;
  }

  private static EtlxException garbage(String message) {
    return new EtlxException(ErrorCode.SOURCE_GARBAGE, message);
  }
}
