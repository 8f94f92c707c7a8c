package io.etlx.csv;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Keeps a CSV source's bytes as its raw copy, checking on the way what reading it as records would
 * check — valid UTF-8, a header of unique non-empty names, as many fields on every row as the
 * header has — so garbage fails the extract as it always did, and counting its records. The bytes
 * are copied as they are: nothing is parsed into values or encoded again.
 */
public final class CsvCopy {
  private CsvCopy() {}

  /** What was copied: the records (rows after the header) and the header's names. */
  public record Result(long records, List<String> header) {}

  public static Result copy(
      InputStream in, OutputStream out, char delimiter, String from, LongConsumer progress)
      throws IOException {
    return copy(in, out, delimiter, from, progress, chunk -> {});
  }

  /**
   * @param checked sees every chunk once it passed the checks, after it was written
   */
  public static Result copy(
      InputStream in,
      OutputStream out,
      char delimiter,
      String from,
      LongConsumer progress,
      Consumer<CsvChunks.Chunk> checked)
      throws IOException {
    HeaderAndWidth check = new HeaderAndWidth(from);
    CsvChunks chunks = new CsvChunks(in, delimiter, from, check);
    for (CsvChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
      Utf8.check(chunk.data(), chunk.length(), chunk.firstLine(), from);
      out.write(chunk.data(), 0, chunk.length());
      checked.accept(chunk);
      progress.accept(check.records);
    }
    return new Result(check.records, check.header == null ? List.of() : check.header);
  }

  /** The header's names, then every row's width against them. */
  private static final class HeaderAndWidth implements CsvChunks.Rows {
    private final String from;
    private List<String> header;
    private long records;

    HeaderAndWidth(String from) {
      this.from = from;
    }

    @Override
    public void row(CsvParser row) {
      if (header == null) {
        header = CsvHeader.names(row, from);
        return;
      }
      if (row.fields() != header.size()) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "line "
                + row.rowLine()
                + " of "
                + from
                + " has "
                + row.fields()
                + " fields but the header has "
                + header.size()
                + "; check the delimiter and the quoting of that line");
      }
      records++;
    }
  }
}
