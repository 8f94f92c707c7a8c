package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./etlx} command the README shows — in its {@code sh} blocks and in its text — runs,
 * in the README's order, against a copy of the shipped project, as a newcomer pasting them would
 * run it: the README cannot drift from the CLI. Optional parts written in brackets ({@code
 * [--format json]}) are run included; a trailing {@code # comment} is dropped. The revenue report's
 * output must be the one the README shows.
 */
class ReadmeCommandsTest {
  private static final Path README = Path.of("../README.md");

  /** Commands shown but not run here, and why. Each must still be in the README. */
  private static final Map<String, String> NOT_RUN =
      Map.of(
          "./etlx run exchange_rates --date yesterday --env prod",
          "prod loads into Redshift and S3, with secrets only a deployment has",
          "./etlx run exchange_rates --date 2020-12-01 --env prod",
          "the same (shown with the variables a deployment sets)");

  /** Commands the README shows failing, with the exit code they must end with. */
  private static final Map<String, Integer> FAILING =
      Map.of(
          "./etlx validate --env prod --require-env",
          ExitCode.USER_ERROR, // lists the variables the deployment must provide: none is set here
          "./etlx validate --require-env",
          ExitCode.USER_ERROR, // the same, for every environment
          "./etlx query --env dev 'drop table ${schema}.order_items'",
          ExitCode.USER_ERROR); // query only reads

  @TempDir Path dir;

  @Test
  void everyCommandRunsInOrderOnTheShippedProject() throws IOException {
    ShippedFiles.copyInto(dir);
    String readme = Files.readString(README);
    List<String> commands = commands(readme);
    assertThat(commands).hasSizeGreaterThan(20);
    assertThat(commands).containsAll(NOT_RUN.keySet()).containsAll(FAILING.keySet());

    for (String command : commands) {
      if (NOT_RUN.containsKey(command)) {
        continue;
      }
      List<String> args = new ArrayList<>(List.of("-C", dir.toString()));
      args.addAll(words(command).subList(1, words(command).size()));

      CliRun run = CliRun.of(Map.of("USER", "newcomer"), args.toArray(String[]::new));

      int expected = FAILING.getOrDefault(command, ExitCode.OK);
      assertThat(run.exitCode()).as(command + "\n" + run.out() + run.err()).isEqualTo(expected);
      if (command.contains("from ${schema}.daily_revenue_usd")) {
        assertThat(readme)
            .as("the README shows the report's output")
            .contains("```\n" + run.out() + "```\n");
      }
      if (command.contains("drop table")) {
        assertThat(run.err()).startsWith("etlx: query only reads, and DuckDB");
      }
    }
  }

  /**
   * The commands in README order: lines of {@code sh} blocks (joined at a trailing backslash, with
   * the variables set before them dropped) and code spans of the text, that start with {@code
   * ./etlx }; whitespace collapsed, comments dropped.
   */
  static List<String> commands(String readme) {
    List<String> commands = new ArrayList<>();
    boolean inShell = false;
    StringBuilder paragraph = new StringBuilder();
    StringBuilder line = new StringBuilder();
    for (String raw : readme.split("\n", -1)) {
      if (raw.startsWith("```") || (!inShell && raw.isBlank())) {
        spans(paragraph, commands);
        if (raw.startsWith("```")) {
          inShell = !inShell && raw.equals("```sh");
        }
      } else if (!inShell) {
        paragraph.append(raw).append('\n');
      } else if (raw.endsWith("\\")) {
        line.append(raw, 0, raw.length() - 1).append(' ');
      } else {
        String command =
            withoutComment(line.append(raw).toString())
                .replaceAll("^([A-Z_]+=\\S*\\s+)*", "")
                .replaceAll("\\s+", " ")
                .strip();
        line.setLength(0);
        if (command.startsWith("./etlx ")) {
          commands.add(command);
        }
      }
    }
    spans(paragraph, commands);
    return commands;
  }

  private static void spans(StringBuilder paragraph, List<String> commands) {
    Matcher span = Pattern.compile("`(\\./etlx\\s[^`]+)`").matcher(paragraph);
    while (span.find()) {
      commands.add(span.group(1).replaceAll("\\s+", " ").strip());
    }
    paragraph.setLength(0);
  }

  /** The line up to a word starting with {@code #} outside quotes. */
  private static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /**
   * A command line split as a shell splits it: single and double quotes (no expansion inside), a
   * brackets around optional parts are dropped.
   */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if ((c == '[' && word == null) || c == ']') {
        continue;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
