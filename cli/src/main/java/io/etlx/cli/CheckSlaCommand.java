package io.etlx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.Freshness;
import io.etlx.engine.SlaCheck;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
import java.time.Instant;
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
 * {@code etlx check-sla [PIPELINE...] --env E}: for each pipeline with an {@code sla:}, whether the
 * latest date now due is loaded. Exits 7 when one is late, so a cron job or a monitor alerts on it;
 * {@code --notify} also sends it to the pipeline's failure notifiers.
 */
@Command(
    name = "check-sla",
    description = {
      "Check that each pipeline with an sla: has loaded the latest logical date now due.",
      "Exits 7 when a date is late (0 when all are on time); --notify also alerts the pipeline's"
          + " failure notifiers."
    })
final class CheckSlaCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      paramLabel = "PIPELINE",
      completionCandidates = CompletionCommand.Pipelines.class,
      arity = "0..*",
      description = "Pipelines to check (default: every pipeline that declares an sla:).")
  List<String> pipelines = new ArrayList<>();

  @Option(
      names = "--env",
      completionCandidates = CompletionCommand.Environments.class,
      required = true,
      paramLabel = "NAME",
      description = "Environment overlay (environments/NAME.yaml).")
  String environment;

  @Option(
      names = "--notify",
      description = "Send each late date to the pipeline's notifiers on failure.")
  boolean notify;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "Check as of this time (ISO-8601, e.g. 2026-11-30T06:05:00Z; default: now).")
  Instant at;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() throws Exception {
    Project project = new Project(main);
    Instant now = at != null ? at : Instant.now();
    boolean named = !pipelines.isEmpty();
    List<String> names = named ? pipelines : project.workspace().pipelineNames();
    List<Freshness> checked = new ArrayList<>();
    List<String> notifyFailures = new ArrayList<>();
    for (String name : names) {
      ResolvedPipeline resolved = project.resolve(name, environment);
      if (resolved.pipeline().sla() == null) {
        if (named) {
          throw new EtlxException(
              ErrorCode.USAGE,
              name + " declares no sla: add e.g. 'sla: {deadline: \"06:00\"}' to its YAML");
        }
        continue;
      }
      try (EnvironmentSession session = project.session(resolved)) {
        Freshness freshness = SlaCheck.of(session, resolved, now);
        checked.add(freshness);
        if (freshness.late() && notify) {
          notifyFailures.addAll(SlaCheck.notifyLate(session, resolved, freshness));
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(json(checked));
    } else {
      text(checked, out);
    }
    PrintWriter err = spec.commandLine().getErr();
    notifyFailures.forEach(failure -> err.println("etlx: alert not sent: " + failure));
    List<Freshness> late = checked.stream().filter(Freshness::late).toList();
    late.forEach(f -> err.println("etlx: late: " + SlaCheck.describe(f)));
    return late.isEmpty() ? ExitCode.OK : ExitCode.LATE;
  }

  private static void text(List<Freshness> checked, PrintWriter out) {
    if (checked.isEmpty()) {
      out.println("no pipeline declares an sla:");
      return;
    }
    out.printf(
        Locale.ROOT,
        "%-24s %-10s %-26s %-8s %s%n",
        "PIPELINE",
        "DUE DATE",
        "DEADLINE",
        "STATUS",
        "LATEST LOADED");
    for (Freshness f : checked) {
      out.printf(
          Locale.ROOT,
          "%-24s %-10s %-26s %-8s %s%n",
          f.pipeline(),
          f.due(),
          f.dueAt().toOffsetDateTime(),
          f.late() ? "late" : "ok",
          f.lastLoaded() == null ? "-" : f.lastLoaded());
    }
  }

  private static String json(List<Freshness> checked) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ArrayNode array = mapper.createArrayNode();
    for (Freshness f : checked) {
      ObjectNode node = array.addObject();
      node.put("pipeline", f.pipeline());
      node.put("environment", f.environment());
      node.put("due_date", f.due().toString());
      node.put("deadline", f.dueAt().toOffsetDateTime().toString());
      node.put("late", f.late());
      node.put("last_loaded", f.lastLoaded() == null ? null : f.lastLoaded().toString());
      node.put("last_loaded_at", f.lastLoadedAt() == null ? null : f.lastLoadedAt().toString());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array);
  }
}
