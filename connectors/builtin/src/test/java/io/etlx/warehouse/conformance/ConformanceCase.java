package io.etlx.warehouse.conformance;

import io.etlx.source.format.CsvReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder of {@code src/test/resources/conformance/upsert}: batches, key, and the expected
 * outcome.
 */
record ConformanceCase(
    String name,
    List<Table> batches,
    List<String> key,
    String deleteMarker,
    Table expected,
    String expectedError) {

  /** A CSV as a header and rows; null cells are SQL NULL (an empty unquoted field). */
  record Table(List<String> header, List<List<String>> rows) {}

  static Stream<ConformanceCase> all() throws IOException {
    Path root = Path.of("src/test/resources/conformance/upsert");
    List<ConformanceCase> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        cases.add(read(dir));
      }
    }
    return cases.stream();
  }

  private static ConformanceCase read(Path dir) throws IOException {
    List<Table> batches = new ArrayList<>();
    for (int i = 1; Files.exists(dir.resolve("batch" + i + ".csv")); i++) {
      batches.add(csv(dir.resolve("batch" + i + ".csv")));
    }
    List<String> key = List.of(Files.readString(dir.resolve("key.txt")).trim().split(","));
    Path marker = dir.resolve("delete-marker.txt");
    Path expected = dir.resolve("expected.csv");
    Path error = dir.resolve("expected-error.txt");
    return new ConformanceCase(
        dir.getFileName().toString(),
        batches,
        key,
        Files.exists(marker) ? Files.readString(marker).trim() : null,
        Files.exists(expected) ? csv(expected) : null,
        Files.exists(error) ? Files.readString(error).trim() : null);
  }

  static Table csv(Path file) throws IOException {
    CsvReader reader =
        new CsvReader(new StringReader(Files.readString(file)), ',', file.toString());
    List<String> header = reader.next();
    List<List<String>> rows = new ArrayList<>();
    for (List<String> row = reader.next(); row != null; row = reader.next()) {
      rows.add(row);
    }
    return new Table(header, rows);
  }

  @Override
  public String toString() {
    return name;
  }
}
