package io.etlx.source.file;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Paths with glob patterns ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **} across
 * folders), matched against the files under the longest folder without one, in name order.
 */
final class Globs {
  private Globs() {}

  static boolean isGlob(String path) {
    return path.indexOf('*') >= 0
        || path.indexOf('?') >= 0
        || path.indexOf('[') >= 0
        || path.indexOf('{') >= 0;
  }

  /** The regular files {@code pattern} matches, sorted by path; none when its folder is missing. */
  static List<Path> matches(Path pattern) {
    Path absolute = pattern.toAbsolutePath().normalize();
    Path base = absolute.getRoot();
    int depth = 0;
    boolean globbed = false;
    for (Path part : absolute) {
      if (!globbed && !isGlob(part.toString())) {
        base = base.resolve(part);
      } else {
        globbed = true;
        depth++;
      }
    }
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher =
        FileSystems.getDefault()
            .getPathMatcher("glob:" + absolute.toString().replace("\\", "\\\\"));
    int maxDepth = absolute.toString().contains("**") ? Integer.MAX_VALUE : depth;
    try (Stream<Path> found = Files.walk(base, maxDepth)) {
      return found
          .filter(Files::isRegularFile)
          .filter(matcher::matches)
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "cannot list " + base + " (" + e.getMessage() + "); a rerun later is safe",
          e);
    }
  }
}
