package io.etlx.cli;

import io.etlx.engine.EnvironmentSession;
import io.etlx.engine.Tables;
import io.etlx.spi.SchemaPlan;
import io.etlx.spi.TableSpec;
import io.etlx.validate.ResolvedPipeline;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code etlx plan|migrate PIPELINE --env E}: the DDL the next load would apply, shown or applied.
 */
@Command(
    name = "plan",
    description =
        "Print the DDL the next load would apply (create, upgrades, new or widened columns).")
class PlanCommand implements Callable<Integer> {
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
      required = true,
      paramLabel = "NAME",
      description = "Environment overlay (environments/NAME.yaml).")
  String environment;

  boolean apply() {
    return false;
  }

  @Override
  public Integer call() {
    Project project = new Project(main);
    ResolvedPipeline resolved = project.resolve(pipeline, environment);
    try (EnvironmentSession session = project.session(resolved)) {
      TableSpec table = Tables.of(resolved.pipeline(), session);
      SchemaPlan plan =
          apply() ? session.warehouse().migrate(table) : session.warehouse().plan(table);
      PrintWriter out = spec.commandLine().getOut();
      String target =
          table.schema() + "." + table.table() + " (schema version " + table.version() + ")";
      if (plan.upToDate()) {
        out.println("-- " + target + ": up to date, nothing to change");
        return ExitCode.OK;
      }
      out.println("-- " + target + ": " + (apply() ? "applied" : "the next load applies") + ":");
      plan.statements().forEach(sql -> out.println(sql + ";"));
      return ExitCode.OK;
    }
  }

  /** {@code etlx migrate}: applies the plan now instead of at the next load. */
  @Command(
      name = "migrate",
      description = "Apply the DDL that `etlx plan` shows, without loading data.")
  static final class Migrate extends PlanCommand {
    @Override
    boolean apply() {
      return true;
    }
  }
}
