package io.etlx.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A source bound to one logical date. */
public interface Source {
  /**
   * What will be fetched, with secrets left as {@code ${NAME}}: written to the raw manifest and to
   * errors, never the resolved secret.
   */
  String describe();

  /**
   * Streams every record to {@code out}, one at a time; never holds the whole data set. Throws
   * {@link io.etlx.error.EtlxException} with {@code SOURCE_UNAVAILABLE} (retried), {@code
   * SOURCE_REJECTED} or {@code SOURCE_GARBAGE} (not retried).
   */
  void extract(RecordSink out);

  /**
   * The source's data as CSV bytes etlx may keep as they are, when it reads a UTF-8 CSV file with a
   * header: the extract then copies them (checked, not parsed into records) and the transform reads
   * them directly, which is several times faster than records one by one. Empty (the default): the
   * extract calls {@link #extract}.
   */
  default Optional<CsvBytes> csvBytes() {
    return Optional.empty();
  }

  /** A CSV file's bytes, decompressed. */
  interface CsvBytes {
    char delimiter();

    /**
     * The bytes, from the header on; errors are reported as {@link #extract} reports them (the
     * caller only maps failures of reading the open stream).
     */
    InputStream open() throws IOException;

    /** An error reading the opened stream, as {@link #extract} would report it. */
    RuntimeException failure(IOException e);
  }
}
