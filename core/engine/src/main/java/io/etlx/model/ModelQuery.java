package io.etlx.model;

import io.etlx.raw.Checksum;
import io.etlx.spi.PluginOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A SQL model's query text: its {@code query:} option, or the content of its {@code file:} (a path
 * resolved by the caller). What the extract runs and what its staleness is judged by.
 */
public final class ModelQuery {
  private ModelQuery() {}

  /** The query's text; reading {@code file:} may fail. */
  static String text(PluginOptions options, Function<String, Path> path) throws IOException {
    if (!options.has("file")) {
      return options.string("query", "");
    }
    return Files.readString(path.apply(options.string("file", "")), StandardCharsets.UTF_8);
  }

  /**
   * A short hash of the query as it would run (16 hex digits of its SHA-256, surrounding blanks
   * ignored); "missing" when its file cannot be read, which the extract then reports.
   */
  public static String hash(PluginOptions options, Function<String, Path> path) {
    String text;
    try {
      text = text(options, path);
    } catch (IOException | RuntimeException e) {
      return "missing";
    }
    Checksum checksum = new Checksum();
    checksum.update(text.strip().getBytes(StandardCharsets.UTF_8));
    return checksum.hex().substring(0, 16);
  }
}
