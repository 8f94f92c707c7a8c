package io.etlx.spi;

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
}
