package io.etlx.source.format;

import java.util.Locale;

/**
 * How a source file is laid out; by default told from its extension, with or without a final .gz.
 */
public enum FileFormat {
  CSV,
  JSON,
  NDJSON;

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
    return null;
  }

  /** The value of the {@code format} option. */
  public static FileFormat of(String option) {
    return valueOf(option.toUpperCase(Locale.ROOT));
  }

  public static boolean gzipped(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  private static String withoutGzip(String name) {
    return gzipped(name) ? name.substring(0, name.length() - 3) : name;
  }
}
