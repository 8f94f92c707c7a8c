package io.etlx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.engine.DiffQuery;
import io.etlx.engine.EnvironmentSession;
import io.etlx.spi.DiffResult;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code etlx diff PIPELINE --date D --env E}: what a rerun would change. Exit 0: it would be a
 * no-op.
 */
@Command(
    name = "diff",
    description = {
      "Compare what a rerun of a date would load with what the warehouse holds: keys added,"
          + " removed,",
      "changed (with column-level before/after for a sample). Exit 0 when the rerun would be a"
          + " no-op, 1 otherwise."
    })
final class DiffCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class)
  String pipeline;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD")
  LocalDate date;

  @Option(
      names = "--env",
      completionCandidates = CompletionCommand.Environments.class,
      required = true,
      paramLabel = "NAME",
      description = "Environment overlay (environments/NAME.yaml).")
  String environment;

  @Option(
      names = "--samples",
      paramLabel = "N",
      description = "Keys to show (default: ${DEFAULT-VALUE}).")
  int samples = 10;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() throws Exception {
    Project project = new Project(main);
    ResolvedPipeline resolved = project.resolve(pipeline, environment);
    DiffResult diff;
    try (EnvironmentSession session = project.session(resolved)) {
      diff = DiffQuery.run(session, resolved, date, samples);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("no_op", diff.noOp());
      json.put("added", diff.added());
      json.put("removed", diff.removed());
      json.put("changed", diff.changed());
      json.put("unchanged", diff.unchanged());
      json.put("samples", diff.samples());
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } else {
      out.println(
          pipeline
              + " "
              + date
              + " ("
              + environment
              + "): "
              + diff.added()
              + " added, "
              + diff.removed()
              + " removed, "
              + diff.changed()
              + " changed, "
              + diff.unchanged()
              + " unchanged");
      for (DiffResult.Sample sample : diff.samples()) {
        out.println("  " + sample.kind() + " " + sample.key());
        sample
            .columns()
            .forEach(
                (column, values) ->
                    out.println("      " + column + ": " + values.get(0) + " -> " + values.get(1)));
      }
      out.println(diff.noOp() ? "a rerun would be a no-op" : "a rerun would change the table");
    }
    return diff.noOp() ? ExitCode.OK : ExitCode.USER_ERROR;
  }
}
