package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Paths with glob patterns ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **} across
 * folders) in the part of the path a pipeline wrote: the folder before the first pattern is taken
 * as it is (a project folder named {@code exports[eu]} is a name, not a pattern), and the files
 * under it that match are returned in name order.
 */
public final class Globs {
  private Globs() {}

  public static boolean isGlob(String path) {
    return firstGlobChar(path) >= 0;
  }

  /** Where the first pattern character is, or -1. */
  public static int firstGlobChar(String path) {
    int first = -1;
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int at = path.indexOf(c);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /**
   * The regular files the pattern matches, sorted by path; none when its folder is missing.
   *
   * @param written the path as the pipeline wrote it, templates resolved (relative or absolute)
   * @param resolve makes a written path absolute (relative ones are relative to the project)
   */
  public static List<Path> matches(
      String written, java.util.function.Function<String, Path> resolve) {
    int first = firstGlobChar(written);
    int slash = written.lastIndexOf('/', first);
    Path base = resolve.apply(slash < 0 ? "." : written.substring(0, slash + 1)).normalize();
    String rest = written.substring(slash + 1);
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher =
        FileSystems.getDefault().getPathMatcher("glob:" + escape(base.toString()) + "/" + rest);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
    try (Stream<Path> found = Files.walk(base, depth)) {
      return found
          .filter(Files::isRegularFile)
          .filter(matcher::matches)
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "cannot list " + base + " (" + e.getMessage() + "); a rerun later is safe",
          e);
    }
  }

  /** A literal path in a glob pattern: its pattern characters escaped. */
  private static String escape(String literal) {
    StringBuilder out = new StringBuilder();
    for (char c : literal.toCharArray()) {
      if ("*?[]{}\\".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
