package io.etlx.cli;

import io.etlx.engine.Backfill;
import io.etlx.engine.DryRun;
import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.RunEngine;
import io.etlx.engine.RunReport;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
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

/**
 * {@code etlx backfill PIPELINE --from D1 --to D2 --env E}: every date of a range; complete dates
 * are skipped.
 */
@Command(
    name = "backfill",
    description = {
      "Run a pipeline for every date from --from to --to (inclusive).",
      "Dates already complete are skipped stage by stage; rerun after a crash to continue where it"
          + " stopped."
    })
final class BackfillCommand implements Callable<Integer> {
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
          "Every pipeline, date by date, in depends_on order, independent ones at once; a failure"
              + " skips only what depends on it (for that date).")
  boolean all;

  @Mixin DateRangeMixin range;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Dates extracted and transformed at once (loads run one at a time); with --all,"
              + " pipelines run at once (default 1).")
  int parallel = 1;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text (default, a report per date as it completes) or json (one document at the end,"
              + " schema_version 1).")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() {
    LocalDate from = range.checked().from;
    LocalDate to = range.to;
    if (all == (pipeline != null)) {
      throw new EtlxException(
          ErrorCode.USAGE,
          all
              ? "give a PIPELINE or --all, not both"
              : "name the PIPELINE to backfill (pipelines/PIPELINE.yaml), or --all for every"
                  + " pipeline");
    }
    if (all) {
      if (run.dryRun) {
        throw new EtlxException(
            ErrorCode.USAGE, "--dry-run shows one pipeline: etlx backfill PIPELINE … --dry-run");
      }
      return new AllPipelines(
              main, run, metrics, spec.commandLine().getOut(), spec.commandLine().getErr())
          .runRange(from, to, parallel, format);
    }
    Project project = new Project(main);
    ResolvedPipeline resolved = project.resolve(pipeline, run.environment);
    PrintWriter out = spec.commandLine().getOut();
    try (EnvironmentSession session = project.session(resolved)) {
      if (run.dryRun) {
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
          DryRunPrinter.print(DryRun.of(session, resolved, date, run.options()), out);
        }
        return ExitCode.OK;
      }
      RunEngine engine = new RunEngine(session, run.settings());
      List<RunReport> reports =
          new Backfill(engine)
              .run(
                  resolved,
                  from,
                  to,
                  parallel,
                  run.options(),
                  report -> {
                    if (format == OutputFormat.text) {
                      RunReportPrinter.print(report, out, Style.of(main.processEnv));
                      out.flush();
                    }
                  });
      metrics.write(
          main.processEnv,
          session,
          resolved,
          reports,
          run.settings().clock(),
          spec.commandLine().getErr());
      List<RunReport> failed = reports.stream().filter(r -> !r.succeeded()).toList();
      if (format == OutputFormat.json) {
        out.println(
            RunReportJson.backfill(
                resolved.pipeline().name(), resolved.environment().name(), from, to, reports));
      } else {
        summary(reports, failed, out);
      }
      if (!failed.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "etlx: "
                    + failed.size()
                    + " of "
                    + reports.size()
                    + " date(s) failed (listed above); rerun the backfill to retry them: complete"
                    + " dates are skipped");
        return exitCode(failed);
      }
      return ExitCode.OK;
    }
  }

  private static void summary(List<RunReport> reports, List<RunReport> failed, PrintWriter out) {
    out.println(
        reports.size()
            + " date(s): "
            + (reports.size() - failed.size())
            + " ok, "
            + failed.size()
            + " failed");
    failed.forEach(
        r ->
            out.println(
                "  "
                    + r.key().date()
                    + ": "
                    + RunReportPrinter.firstLine(r.failure().getMessage())));
  }

  /**
   * The first real failure's code; {@link ExitCode#LOCKED} only when every failed date was locked
   * by another process.
   */
  private static int exitCode(List<RunReport> failed) {
    return failed.stream()
        .map(r -> ExitCode.of(r.failure().code()))
        .filter(code -> code != ExitCode.LOCKED)
        .findFirst()
        .orElse(ExitCode.LOCKED);
  }
}
