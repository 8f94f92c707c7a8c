package io.etlx.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every {@code etlx export} format shares: what to export, and where to write it. */
final class ExportOptions {
  @Option(
      names = "--env",
      required = true,
      completionCandidates = CompletionCommand.Environments.class,
      paramLabel = "NAME",
      description =
          "Environment overlay the pipelines run in (environments/NAME.yaml); every exported"
              + " command runs with --env NAME.")
  String environment;

  @Parameters(
      arity = "0..*",
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class,
      description =
          "Pipelines to export, each with every pipeline it depends on (default: all of them).")
  List<String> pipelines = new ArrayList<>();

  @Option(
      names = "--schedule",
      paramLabel = "SCHEDULE",
      description =
          "When each day's run starts: @daily (at midnight, the default) or a daily cron"
              + " expression 'MINUTE HOUR * * *', such as '30 1 * * *'.")
  String schedule = "@daily";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write to FILE (relative to the project directory), replacing it, instead of stdout.")
  Path output;

  @Option(
      names = "--etlx-command",
      paramLabel = "PATH",
      description = "The etlx executable where the commands run (default: ${DEFAULT-VALUE}).")
  String etlxCommand = "etlx";

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Longest time one run of a pipeline may take before it is stopped and counted as failed"
              + " (retried), such as 90m or 2h (default: 2h).")
  Duration timeout = Duration.ofHours(2);

  /** The {@code --schedule}, read. */
  DailySchedule schedule() {
    return DailySchedule.parse(schedule);
  }

  /** The pipelines to export from the project, in the environment. */
  ExportPlan plan(Main main) {
    return ExportPlan.of(new Project(main).workspace(), environment, pipelines);
  }

  /** Prints {@code text} to stdout, or replaces {@code --output} with it in one move. */
  void write(Main main, CommandLine commandLine, String text) throws IOException {
    if (output == null) {
      commandLine.getOut().print(text);
      commandLine.getOut().flush();
      return;
    }
    Path target = main.projectDir.resolve(output).toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".etlx-export-", ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A time zone by its region name, such as Europe/Berlin. */
  static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String text) {
      try {
        return ZoneId.of(text);
      } catch (DateTimeException e) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is not a time zone: use a region such as UTC or Europe/Berlin");
      }
    }
  }
}
