package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every subcommand prints its own usage for {@code --help} and {@code -h} and exits 0, whatever
 * options and parameters it requires; and no help text lost a placeholder to picocli's variable
 * interpolation (a {@code ${schema}} in a description printed as "null").
 */
class HelpTest {
  /** The commands as picocli sees them, so a command added later is covered without a new line. */
  static Stream<String> subcommands() {
    return Main.commandLine(new Main(Map.of()), new String[0]).getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subcommands")
  void helpPrintsTheCommandsUsageAndExitsZero(String command) {
    for (String flag : List.of("--help", "-h")) {
      CliRun run = CliRun.of(command, flag);

      assertThat(run.exitCode()).as(command + " " + flag + ": " + run.err()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("Usage: etlx " + command + " ").contains("-h, --help");
      assertThat(CliRun.of("help", command).out()).isEqualTo(run.out());
    }
  }

  @org.junit.jupiter.api.Test
  void theRootsHelpBeforeACommandListsEveryCommand() {
    for (String flag : List.of("-h", "--help", "-vh")) {
      CliRun run = CliRun.of(flag, "run");

      assertThat(run.exitCode()).as(flag + ": " + run.err()).isZero();
      assertThat(run.out())
          .as(flag)
          .startsWith("Usage: etlx ")
          .contains("validate", "backfill", "export");
    }
  }

  @org.junit.jupiter.api.Test
  void aCommandLineGetsOnlyItsCommandUnlessTheArchiveIsBeingRecorded() {
    String[] run = {"-C", "project", "run", "orders"};
    assertThat(Main.commandLine(new Main(Map.of()), run).getSubcommands()).containsOnlyKeys("run");
    System.setProperty("etlx.cli.allCommands", "true");
    try {
      assertThat(Main.commandLine(new Main(Map.of()), run).getSubcommands())
          .containsKeys("run", "validate", "export", "help");
    } finally {
      System.clearProperty("etlx.cli.allCommands");
    }
  }

  @org.junit.jupiter.api.Test
  void helpWinsOverAnIncompleteCommandLine() {
    for (String[] args :
        List.of(
            new String[] {"run", "exchange_rates", "--env", "dev", "--help"},
            new String[] {"backfill", "order_items", "-h"},
            new String[] {"query", "--help", "--max-rows", "5"})) {
      CliRun run = CliRun.of(args);

      assertThat(run.exitCode()).as(String.join(" ", args) + ": " + run.err()).isZero();
      assertThat(run.out()).startsWith("Usage: etlx " + args[0] + " ");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("subcommands")
  void noHelpTextLostAPlaceholder(String command) {
    String usage = CliRun.of(command, "--help").out();

    assertThat(usage).doesNotContainPattern("\\bnull\\b");
    // picocli replaces ${NAME} in help texts; only its own variables may be written unescaped
    CommandSpec raw =
        Main.commandLine(new Main(Map.of()), new String[0])
            .getSubcommands()
            .get(command)
            .getCommandSpec();
    raw.interpolateVariables(false);
    List<String> texts = new ArrayList<>(List.of(raw.usageMessage().description()));
    for (ArgSpec arg : raw.args()) {
      texts.addAll(List.of(arg.description()));
    }
    for (String text : texts) {
      assertThat(
              text.replace("$${", "")
                  .replaceAll("\\$\\{(DEFAULT-VALUE|COMPLETION-CANDIDATES)}", ""))
          .as(command + ": escape a literal ${ as $${ in: " + text)
          .doesNotContain("${");
    }
  }

  @org.junit.jupiter.api.Test
  void queryHelpShowsTheSchemaPlaceholder() {
    assertThat(CliRun.of("--help").out()).doesNotContainPattern("\\bnull\\b");
    assertThat(CliRun.of("help", "query").out())
        .contains("${schema} in the SQL is replaced by the environment's target schema");
  }
}
