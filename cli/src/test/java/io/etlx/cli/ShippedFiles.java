package io.etlx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies the shipped pipelines/ and environments/ into a test's own project directory. */
final class ShippedFiles {
  private ShippedFiles() {}

  static void copyInto(Path project) throws IOException {
    copy(Path.of("../pipelines"), project.resolve("pipelines"));
    copy(Path.of("../environments"), project.resolve("environments"));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
