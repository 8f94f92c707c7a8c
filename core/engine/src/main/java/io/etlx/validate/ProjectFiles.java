package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.yaml.SpecException;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The YAML files of a project: found under a folder, named relative to the project, read as maps.
 */
final class ProjectFiles {
  private final Path root;

  ProjectFiles(Path root) {
    this.root = root;
  }

  YamlMap readMap(Path file, Problems problems) {
    YamlNode node;
    try {
      node = YamlReader.read(file, display(file));
    } catch (SpecException e) {
      problems.addAll(e.problems());
      return null;
    }
    if (node instanceof YamlMap map) {
      return map;
    }
    problems.add(
        ErrorCode.WRONG_TYPE, node.origin(), "expected a map of settings, got " + node.describe());
    return null;
  }

  String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    return absolute.startsWith(base) ? base.relativize(absolute).toString() : file.toString();
  }

  List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      Path resolved = path.isAbsolute() ? path : root.resolve(path);
      if (Files.isDirectory(resolved)) {
        files.addAll(yamlFiles(resolved));
      } else if (Files.isRegularFile(resolved)) {
        files.add(resolved);
      } else {
        throw new EtlxException(ErrorCode.USAGE, "no such file or directory: " + path);
      }
    }
    return files;
  }

  static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.FILE_UNREADABLE, "cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }
}
