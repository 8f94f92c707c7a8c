package io.etlx.cli;

import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.Rebuild;
import io.etlx.engine.StageReport;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code etlx rebuild PIPELINE --from D1 --to D2 --env E}: the table again, from raw data only. */
@Command(
    name = "rebuild",
    description = {
      "Rebuild a table from raw data only (never the source): transform + load every date into a"
          + " shadow",
      "table, then swap it in atomically. The range must cover every date the table holds."
    })
final class RebuildCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin RunOptionsMixin run;

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class)
  String pipeline;

  @Mixin DateRangeMixin range;

  @Override
  public Integer call() {
    LocalDate from = range.checked().from;
    LocalDate to = range.to;
    Project project = new Project(main);
    ResolvedPipeline resolved = project.resolve(pipeline, run.environment);
    PrintWriter out = spec.commandLine().getOut();
    try (EnvironmentSession session = project.session(resolved)) {
      long rows =
          new Rebuild(session, run.settings())
              .run(resolved, from, to, report -> print(report, out));
      out.println(
          "rebuilt "
              + resolved.pipeline().sink().table()
              + " from raw data of "
              + from
              + ".."
              + to
              + ": "
              + rows
              + " rows, swapped in atomically");
      return ExitCode.OK;
    }
  }

  private static void print(StageReport report, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "  %-10s %-8s %10d  %s%n",
        report.stage().yamlName(),
        report.action().name().toLowerCase(Locale.ROOT),
        report.rows(),
        report.note() == null ? "" : report.note());
    out.flush();
  }
}
