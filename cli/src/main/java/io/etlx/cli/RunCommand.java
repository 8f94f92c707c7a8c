package io.etlx.cli;

import io.etlx.engine.DryRun;
import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.LogicalDates;
import io.etlx.engine.RunEngine;
import io.etlx.engine.RunReport;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code etlx run PIPELINE --date D --env E}: one logical date, stage by stage. */
@Command(
    name = "run",
    description = {
      "Run a pipeline for one logical date: extract, transform, load, notify.",
      "Stages that already succeeded with the same inputs are skipped, so a rerun is always safe."
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin RunOptionsMixin run;
  @Mixin MetricsOption metrics;

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class,
      description = "Pipeline name (pipelines/PIPELINE.yaml).")
  String pipeline;

  @Option(
      names = "--date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description =
          "The logical date to process: YYYY-MM-DD, or today/yesterday in the pipeline's timezone.")
  String date;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default) or json (one document, schema_version 1).")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    Project project = new Project(main);
    ResolvedPipeline resolved = project.resolve(pipeline, run.environment);
    try (EnvironmentSession session = project.session(resolved)) {
      LocalDate logicalDate =
          LogicalDates.parse(date, resolved.pipeline().timezone(), run.settings().clock());
      if (run.dryRun) {
        DryRunPrinter.print(
            DryRun.of(session, resolved, logicalDate, run.options()), spec.commandLine().getOut());
        return ExitCode.OK;
      }
      RunReport report =
          new RunEngine(session, run.settings()).run(resolved, logicalDate, run.options());
      metrics.write(
          main.processEnv,
          session,
          resolved,
          List.of(report),
          run.settings().clock(),
          spec.commandLine().getErr());
      if (format == OutputFormat.json) {
        spec.commandLine().getOut().println(RunReportJson.run(report));
      } else {
        RunReportPrinter.print(report, spec.commandLine().getOut(), Style.of(main.processEnv));
      }
      if (!report.succeeded()) {
        throw report.failure();
      }
      return ExitCode.OK;
    }
  }
}
