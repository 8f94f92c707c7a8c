package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder under {@code src/test/resources/invalid} is a small project with broken specs and the
 * exact output {@code etlx validate} must print: every error with its file, line, column and YAML
 * path, all in one pass.
 */
class InvalidSpecFixturesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/invalid");

  static Stream<Path> fixtures() throws IOException {
    return Files.list(FIXTURES).filter(Files::isDirectory).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsEveryErrorWithItsPosition(Path fixture) throws IOException {
    List<String> args = new ArrayList<>(List.of("-C", fixture.toString(), "validate"));
    Path extra = fixture.resolve("args.txt");
    if (Files.exists(extra)) {
      args.addAll(List.of(Files.readString(extra).trim().split("\\s+")));
    }

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.out()).isEqualTo(Files.readString(fixture.resolve("expected.txt")));
    assertThat(run.err()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void thereAreAtLeastTwentyDistinctFixtures() throws IOException {
    assertThat(fixtures().count()).isGreaterThanOrEqualTo(20);
  }
}
