package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a CSV file with a header row, each as an object of column name -> text (or {@code
 * null} for an unquoted empty field). Values stay text: the transform types them.
 */
public final class CsvRecords {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final char delimiter;
  private final String from;

  /** {@code from} names the file in errors. */
  public CsvRecords(char delimiter, String from) {
    this.delimiter = delimiter;
    this.from = from;
  }

  /** An empty file (no header) has no records. */
  public void read(Reader in, RecordSink records) throws IOException {
    CsvReader csv = new CsvReader(in, delimiter, from);
    List<String> header = header(csv);
    if (header.isEmpty()) {
      return;
    }
    checkHeader(header);
    for (List<String> row = csv.next(); row != null; row = csv.next()) {
      if (blank(row)) {
        continue;
      }
      if (row.size() != header.size()) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "line "
                + csv.line()
                + " of "
                + from
                + " has "
                + row.size()
                + " fields but the header has "
                + header.size()
                + "; check the delimiter and the quoting of that line");
      }
      records.emit(record(header, row));
    }
  }

  /**
   * The header row: the first line with something on it (empty lines before it are layout, as
   * between rows), an Excel byte order mark dropped; empty for a file without one.
   */
  static List<String> header(CsvReader csv) throws IOException {
    List<String> header = csv.next();
    while (header != null && blank(header)) {
      header = csv.next();
    }
    if (header == null) {
      return List.of();
    }
    header = new java.util.ArrayList<>(header);
    String first = header.get(0);
    if (first != null && !first.isEmpty() && first.charAt(0) == BYTE_ORDER_MARK) {
      header.set(0, first.substring(1)); // Excel writes one; it is not part of the name
    }
    return header;
  }

  private void checkHeader(List<String> header) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name == null || name.isEmpty()) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "the header of "
                + from
                + " has no name for column "
                + (i + 1)
                + "; every column needs a name");
      }
      if (!seen.add(name)) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "the header of "
                + from
                + " names column '"
                + name
                + "' twice; column names must be unique");
      }
    }
  }

  /**
   * An empty line between rows (or several at the end) is layout, not a row of nulls; a one-column
   * file loses nothing, since an empty value there would be written as {@code ""}.
   */
  private static boolean blank(List<String> row) {
    return row.size() == 1 && row.get(0) == null;
  }

  private static Map<String, String> record(List<String> header, List<String> row) {
    Map<String, String> record = new LinkedHashMap<>(header.size() * 2);
    for (int i = 0; i < header.size(); i++) {
      record.put(header.get(i), row.get(i));
    }
    return record;
  }
}
