package io.etlx.source.format;

import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options every source that reads files shares ({@code format}, {@code records}, {@code
 * delimiter}, {@code encoding}), checked and applied alike whether the files are local or
 * downloaded.
 */
public final class FileOptions {
  private FileOptions() {}

  /** The format the options name, or the one the file name's extension says (null: unknown). */
  public static FileFormat format(PluginOptions spec, String name) {
    return spec.has("format")
        ? FileFormat.of(spec.string("format", ""))
        : FileFormat.fromName(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Problems of these options; each starts with the option it is about.
   *
   * @param name the path or key as written, whose extension may name the format
   */
  public static List<String> check(PluginOptions spec, String name) {
    List<String> problems = new ArrayList<>();
    FileFormat format = format(spec, name);
    if (format == null) {
      problems.add(
          "format: cannot tell the format of '"
              + name
              + "' from its extension; set format: csv, json, ndjson or parquet");
    }
    String pointer = spec.string("records", "");
    if (JsonRecords.pointerProblem(pointer) != null) {
      problems.add("records: " + JsonRecords.pointerProblem(pointer));
    } else if (!pointer.isEmpty() && format != null && format != FileFormat.JSON) {
      problems.add(
          "records: only applies to json files, and this one is "
              + format.name().toLowerCase(Locale.ROOT)
              + "; remove it");
    }
    String encoding = spec.string("encoding", "UTF-8");
    if (!supported(encoding)) {
      problems.add("encoding: unknown encoding '" + encoding + "'; use e.g. UTF-8 or ISO-8859-1");
    }
    return problems;
  }

  /**
   * One local file read with these options.
   *
   * @param name the path or key as written (for the format)
   * @param shown the file as errors and the manifest name it
   */
  public static FileSource file(
      PluginOptions spec, PluginContext context, String name, Path path, String shown) {
    return new FileSource(
        path,
        shown,
        context.templates().resolve("${date}"),
        format(spec, name),
        spec.string("records", ""),
        spec.string("delimiter", ",").charAt(0),
        Charset.forName(spec.string("encoding", "UTF-8")));
  }

  private static boolean supported(String encoding) {
    try {
      return Charset.isSupported(encoding);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
