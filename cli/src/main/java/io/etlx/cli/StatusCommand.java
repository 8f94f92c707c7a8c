package io.etlx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.StageStatusRow;
import io.etlx.engine.StatusQuery;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.state.StageRun;
import io.etlx.state.file.StageRunJson;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code etlx status PIPELINE}: the latest execution of every stage, and why a rerun would run it.
 */
@Command(
    name = "status",
    description = "Show the latest execution of every stage of a pipeline, per date.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class)
  String pipeline;

  @Option(
      names = "--env",
      completionCandidates = CompletionCommand.Environments.class,
      paramLabel = "NAME",
      description = "One environment (default: all).")
  String environment;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "One logical date (default: all).")
  LocalDate date;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Option(
      names = "--grid",
      description =
          "Dates × stages, one line per date: ok, stale (would rerun), FAILED, running or - (not"
              + " run); in color on a terminal unless NO_COLOR is set.")
  boolean grid;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "With --grid: first date shown (default: the first date run).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "With --grid: last date shown (default: the last date run).")
  LocalDate to;

  @Override
  public Integer call() throws Exception {
    Project project = new Project(main);
    List<String> environments =
        environment != null ? List.of(environment) : project.workspace().environmentNames();
    List<StageStatusRow> rows = new ArrayList<>();
    for (String env : environments) {
      ResolvedPipeline resolved = project.workspace().resolve(pipeline, env, false);
      try (EnvironmentSession session = project.session(resolved)) {
        rows.addAll(StatusQuery.of(session, resolved, date));
      } catch (EtlxException e) {
        if (environment != null || e.code() != ErrorCode.MISSING_ENV_VAR) {
          throw e;
        }
        // showing every environment: one whose stores need variables not set here is skipped, not
        // fatal
        spec.commandLine().getErr().println("etlx: " + env + " skipped: " + e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(json(rows));
    } else if (grid) {
      StatusGrid.print(rows, environments, pipeline, from, to, Style.of(main.processEnv), out);
    } else {
      text(rows, out);
    }
    return ExitCode.OK;
  }

  private static void text(List<StageStatusRow> rows, PrintWriter out) {
    if (rows.isEmpty()) {
      out.println("no runs yet");
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-8s %-10s %-9s %-9s %7s %-20s %9s %10s  %s%n",
        "ENV",
        "DATE",
        "STAGE",
        "STATUS",
        "ATTEMPT",
        "STARTED",
        "SECONDS",
        "ROWS",
        "NOTE");
    for (StageStatusRow row : rows) {
      StageRun run = row.run();
      out.printf(
          Locale.ROOT,
          "%-8s %-10s %-9s %-9s %7d %-20s %9s %10d  %s%n",
          run.key().run().environment(),
          run.key().run().date(),
          run.key().stage().yamlName(),
          run.status(),
          run.attempt(),
          run.startedAt().toString().substring(0, 19) + "Z",
          seconds(run),
          run.rows(),
          note(row));
    }
  }

  /** Why the stage would rerun, and the data checks its load passed only with a warning. */
  private static String note(StageStatusRow row) {
    List<String> parts = new ArrayList<>();
    if (!row.note().isEmpty()) {
      parts.add(row.note());
    }
    if (row.sourceState() != null) {
      parts.add("read up to " + row.sourceState());
    }
    for (CheckResult warning : row.run().context().warnings()) {
      parts.add(
          warning.severity().yamlName()
              + " "
              + warning.check()
              + (warning.column() == null
                  ? ""
                  : " on " + warning.column() + " (" + warning.failingRows() + " row(s))"));
    }
    return String.join("; ", parts);
  }

  private static String seconds(StageRun run) {
    return run.endedAt() == null
        ? "-"
        : String.format(
            Locale.ROOT,
            "%.1f",
            Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0);
  }

  private static String json(List<StageStatusRow> rows) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (StageStatusRow row : rows) {
      ObjectNode node = StageRunJson.toJson(row.run());
      node.put("note", row.note());
      if (row.sourceState() != null) {
        node.put("source_state", row.sourceState());
      }
      array.add(node);
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
  }
}
