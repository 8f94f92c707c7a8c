package io.etlx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code etlx export airflow|kubernetes --env E}: the pipelines of one environment as another
 * scheduler's configuration. etlx keeps deciding what each run does; the orchestrator only starts
 * runs, in dependency order, and reacts to their exit codes.
 */
@Command(
    name = "export",
    description = {
      "Write the pipelines of one environment for an orchestrator: an Airflow DAG, or Kubernetes"
          + " CronJobs.",
      "One task or job per pipeline, ordered by depends_on, with etlx's exit codes mapped to"
          + " retry, fail or succeed. The output is the same for the same project: commit it or"
          + " diff it in CI."
    },
    subcommands = {ExportAirflowCommand.class, ExportKubernetesCommand.class})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "name what to export: airflow or kubernetes");
  }
}
