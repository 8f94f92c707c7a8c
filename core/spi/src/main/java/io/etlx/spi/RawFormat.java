package io.etlx.spi;

import java.util.Locale;

/**
 * How a raw partition's records are stored. {@code ndjson}: one JSON object per line, as a source
 * emitted them. {@code csv}: a CSV source's bytes as they were read (header line first, in UTF-8),
 * so nothing is parsed or re-encoded to keep a copy; the transform reads it with the same rules as
 * the source (RFC 4180, {@code delimiter}). Either is compressed ({@code .zst}; partitions written
 * by earlier versions are {@code ndjson.gz}).
 */
public record RawFormat(Kind kind, Compression compression, char delimiter) {
  public enum Kind {
    NDJSON,
    CSV
  }

  /** What etlx writes for records a source emits one by one. */
  public static final RawFormat NDJSON = new RawFormat(Kind.NDJSON, Compression.ZSTD, ',');

  /** A CSV source's own bytes. */
  public static RawFormat csv(char delimiter) {
    return new RawFormat(Kind.CSV, Compression.ZSTD, delimiter);
  }

  /** The name in the manifest and in the records' file name: e.g. {@code csv.zst}. */
  public String name() {
    String codec =
        switch (compression) {
          case GZIP -> ".gz";
          case ZSTD -> ".zst";
          case NONE -> "";
        };
    return kind.name().toLowerCase(Locale.ROOT) + codec;
  }

  /** The records' file name in the partition, e.g. {@code records.csv.zst}. */
  public String fileName() {
    return "records." + name();
  }

  /**
   * Reads a manifest's format name; {@code delimiter} matters for CSV only.
   *
   * @throws IllegalArgumentException for a name no version of etlx writes
   */
  public static RawFormat parse(String name, char delimiter) {
    for (Kind kind : Kind.values()) {
      for (Compression compression : Compression.values()) {
        RawFormat format = new RawFormat(kind, compression, delimiter);
        if (format.name().equals(name)) {
          return kind == Kind.CSV ? format : new RawFormat(kind, compression, ',');
        }
      }
    }
    throw new IllegalArgumentException("unknown raw format '" + name + "'");
  }
}
