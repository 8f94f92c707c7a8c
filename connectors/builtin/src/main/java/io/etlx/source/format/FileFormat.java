package io.etlx.source.format;

import java.util.Locale;

/**
 * How a source file is laid out; by default told from its extension, with or without a final .gz,
 * .zst or .zstd.
 */
public enum FileFormat {
  CSV,
  JSON,
  NDJSON,
  /** Read through an in-memory DuckDB. */
  PARQUET;

  /** The format of {@code fileName} by its extension, or {@code null} when it does not tell. */
  public static FileFormat fromName(String fileName) {
    String name = withoutGzip(fileName.toLowerCase(Locale.ROOT));
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
      return NDJSON;
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    return null;
  }

  /** The value of the {@code format} option. */
  public static FileFormat of(String option) {
    return valueOf(option.toUpperCase(Locale.ROOT));
  }

  public static boolean gzipped(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** Whether the file is zstd-compressed ({@code .zst} or {@code .zstd}). */
  public static boolean zstd(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return name.endsWith(".zst") || name.endsWith(".zstd");
  }

  private static String withoutGzip(String name) {
    if (gzipped(name)) {
      return name.substring(0, name.length() - 3);
    }
    return zstd(name) ? name.substring(0, name.lastIndexOf('.')) : name;
  }
}
