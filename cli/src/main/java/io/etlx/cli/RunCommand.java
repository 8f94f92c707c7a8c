package io.etlx.cli;

import io.etlx.engine.DryRun;
import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.LogicalDates;
import io.etlx.engine.RunEngine;
import io.etlx.engine.RunReport;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
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
      arity = "0..1",
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class,
      description = "Pipeline name (pipelines/PIPELINE.yaml); or --all.")
  String pipeline;

  @Option(
      names = "--all",
      description =
          "Run every pipeline for the date, in depends_on order, independent ones at once; a"
              + " failure skips only what depends on it.")
  boolean all;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "With --all: pipelines run at once (default: the cores, at most 4).")
  int parallel = AllPipelines.defaultParallel();

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
    if (all == (pipeline != null)) {
      throw new EtlxException(
          ErrorCode.USAGE,
          all
              ? "give a PIPELINE or --all, not both"
              : "name the PIPELINE to run (pipelines/PIPELINE.yaml), or --all for every pipeline");
    }
    if (all) {
      if (run.dryRun) {
        throw new EtlxException(
            ErrorCode.USAGE, "--dry-run shows one pipeline: etlx run PIPELINE --date D --dry-run");
      }
      return new AllPipelines(
              main, run, metrics, spec.commandLine().getOut(), spec.commandLine().getErr())
          .runDate(date, parallel, format);
    }
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
