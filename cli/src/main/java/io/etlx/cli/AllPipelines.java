package io.etlx.cli;

import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.LogicalDates;
import io.etlx.engine.RunEngine;
import io.etlx.engine.RunReport;
import io.etlx.engine.Workload;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.graph.DependencyGraph;
import io.etlx.validate.ResolvedPipeline;
import io.etlx.validate.Workspace;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code run --all} and {@code backfill --all}: every pipeline of the project for each date, in
 * dependency order, independent ones at once; a failure skips only the pipelines that depend on it.
 */
final class AllPipelines {
  private final Main main;
  private final RunOptionsMixin run;
  private final MetricsOption metrics;
  private final PrintWriter out;
  private final PrintWriter err;

  AllPipelines(
      Main main, RunOptionsMixin run, MetricsOption metrics, PrintWriter out, PrintWriter err) {
    this.main = main;
    this.run = run;
    this.metrics = metrics;
    this.out = out;
    this.err = err;
  }

  /** The default of {@code --parallel} for {@code --all}: the machine's cores, at most four. */
  static int defaultParallel() {
    return Math.min(4, Runtime.getRuntime().availableProcessors());
  }

  /** One date, as {@code run --date} gives it (today/yesterday in the pipelines' timezone). */
  int runDate(String date, int parallel, OutputFormat format) {
    Resolved all = resolve();
    LocalDate logicalDate = oneDate(date, all.pipelines());
    return run(all, List.of(logicalDate), parallel, format);
  }

  /** Every date of a range, one after the other. */
  int runRange(LocalDate from, LocalDate to, int parallel, OutputFormat format) {
    return run(resolve(), from.datesUntil(to.plusDays(1)).toList(), parallel, format);
  }

  private record Resolved(List<ResolvedPipeline> pipelines, DependencyGraph graph) {}

  private Resolved resolve() {
    Workspace workspace = new Project(main).workspace();
    DependencyGraph graph = workspace.dependencies();
    if (graph.names().isEmpty()) {
      throw new EtlxException(
          ErrorCode.UNKNOWN_PIPELINE, "--all: there is no pipeline under pipelines/");
    }
    graph.requireAcyclic();
    List<ResolvedPipeline> pipelines = new ArrayList<>();
    for (String name : graph.order()) {
      pipelines.add(workspace.resolve(name, run.environment));
    }
    return new Resolved(pipelines, graph);
  }

  /** The date every pipeline reads {@code text} as; relative dates need one timezone. */
  private LocalDate oneDate(String text, List<ResolvedPipeline> pipelines) {
    Set<ZoneId> zones =
        pipelines.stream()
            .map(p -> p.pipeline().timezone())
            .collect(
                Collectors.toCollection(
                    () -> new TreeSet<>(java.util.Comparator.comparing(ZoneId::getId))));
    Set<LocalDate> dates = new TreeSet<>();
    for (ZoneId zone : zones) {
      dates.add(LogicalDates.parse(text, zone, run.settings().clock()));
    }
    if (dates.size() > 1) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--date "
              + text
              + " is a different day in the pipelines' timezones ("
              + zones.stream().map(ZoneId::getId).collect(Collectors.joining(", "))
              + "): give the logical date as YYYY-MM-DD");
    }
    return dates.iterator().next();
  }

  private int run(Resolved all, List<LocalDate> dates, int parallel, OutputFormat format) {
    List<Workload.Outcome> outcomes = new ArrayList<>();
    Style style = Style.of(main.processEnv);
    try (EnvironmentSession session = new Project(main).session(all.pipelines().get(0))) {
      Workload workload = new Workload(new RunEngine(session, run.settings()));
      for (LocalDate date : dates) {
        outcomes.addAll(
            workload.run(
                all.pipelines(),
                all.graph(),
                date,
                run.options(),
                parallel,
                outcome -> {
                  if (format == OutputFormat.text) {
                    print(outcome, style);
                  }
                }));
      }
      writeMetrics(session, all, outcomes);
    }
    if (format == OutputFormat.json) {
      out.println(RunReportJson.all(run.environment, outcomes));
    } else {
      summary(outcomes);
    }
    out.flush();
    List<Workload.Outcome> failed =
        outcomes.stream().filter(o -> !o.succeeded() && !o.skipped()).toList();
    if (failed.isEmpty()) {
      return ExitCode.OK;
    }
    err.println(
        "etlx: "
            + failed.size()
            + " run(s) failed (listed above); rerun the same command to retry them and what depends"
            + " on them: what is complete is skipped");
    return failed.stream()
        .map(o -> ExitCode.of(o.report().failure().code()))
        .filter(code -> code != ExitCode.LOCKED)
        .findFirst()
        .orElse(ExitCode.LOCKED);
  }

  private void print(Workload.Outcome outcome, Style style) {
    if (outcome.skipped()) {
      RunReport report = outcome.report();
      out.println(RunReportPrinter.header(report));
      out.println("  " + style.dim("skipped") + ": " + report.failure().getMessage());
    } else {
      RunReportPrinter.print(outcome.report(), out, style);
    }
    out.flush();
  }

  private void summary(List<Workload.Outcome> outcomes) {
    long skipped = outcomes.stream().filter(Workload.Outcome::skipped).count();
    long failed = outcomes.stream().filter(o -> !o.succeeded() && !o.skipped()).count();
    out.println(
        outcomes.size()
            + " run(s): "
            + (outcomes.size() - failed - skipped)
            + " ok, "
            + failed
            + " failed, "
            + skipped
            + " not started (an upstream failed)");
    outcomes.stream()
        .filter(o -> !o.succeeded() && !o.skipped())
        .forEach(
            o ->
                out.println(
                    "  "
                        + o.pipeline()
                        + " "
                        + o.report().key().date()
                        + ": "
                        + RunReportPrinter.firstLine(o.report().failure().getMessage())));
  }

  private void writeMetrics(
      EnvironmentSession session, Resolved all, List<Workload.Outcome> outcomes) {
    Map<String, List<RunReport>> byPipeline = new LinkedHashMap<>();
    outcomes.forEach(
        o -> byPipeline.computeIfAbsent(o.pipeline(), k -> new ArrayList<>()).add(o.report()));
    for (ResolvedPipeline resolved : all.pipelines()) {
      List<RunReport> reports = byPipeline.getOrDefault(resolved.pipeline().name(), List.of());
      metrics.write(main.processEnv, session, resolved, reports, run.settings().clock(), err);
    }
  }
}
