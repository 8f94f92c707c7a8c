package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code etlx export airflow --env E --start-date D}: an Airflow DAG file. */
@Command(
    name = "airflow",
    description = {
      "Write an Airflow 2 DAG (Python, Airflow 2.4 or later): a task per pipeline running etlx run"
          + " PIPELINE --date DATE --env ENV for the day of the run's data interval, depends_on as"
          + " edges.",
      "Exit 1, 2 and 4 fail the task without retries, 3 and 5 are retried, 6 (loaded, only a"
          + " notification failed) succeeds with a warning. The file's header says how each"
          + " setting maps."
    })
final class ExportAirflowCommand implements Callable<Integer> {
  @ParentCommand ExportCommand export;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin ExportOptions options;

  @Option(
      names = "--start-date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description =
          "The first logical date to run: Airflow runs every date from it on (catchup), etlx skips"
              + " the ones already loaded.")
  LocalDate startDate;

  @Option(names = "--dag-id", paramLabel = "ID", description = "The DAG's id (default: etlx_ENV).")
  String dagId;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      converter = ExportOptions.ZoneConverter.class,
      description =
          "Time zone of the schedule and the start date (default: the pipelines' own, which must"
              + " then be the same for all).")
  ZoneId timezone;

  @Option(
      names = "--task-retries",
      paramLabel = "N",
      description =
          "Retries of a task that failed with exit 3 or 5 (default: ${DEFAULT-VALUE}); etlx"
              + " retries within a stage first.")
  int retries = 3;

  @Option(
      names = "--retry-delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Wait before the first retry, doubling for the next ones (default: 5m).")
  Duration retryDelay = Duration.ofMinutes(5);

  @Option(
      names = "--deploy-dir",
      paramLabel = "DIR",
      description =
          "The project directory on the Airflow workers, given to etlx -C (default: the directory"
              + " of the DAG file).")
  String deployDir;

  @Override
  public Integer call() throws Exception {
    String id = dagId != null ? dagId : "etlx_" + options.environment.replaceAll("[^\\w.-]", "_");
    if (!AirflowDag.ID.matcher(id).matches()) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--dag-id '" + id + "' is not an Airflow id: use letters, digits, _ . and -");
    }
    if (retries < 0) {
      throw new EtlxException(ErrorCode.USAGE, "--task-retries must be 0 or more");
    }
    DailySchedule daily = options.schedule();
    ExportPlan plan = options.plan(export.main);
    AirflowDag.Settings settings =
        new AirflowDag.Settings(
            id,
            daily,
            startDate,
            plan.timezone(timezone),
            retries,
            retryDelay,
            options.timeout,
            deployDir,
            options.etlxCommand);
    options.write(export.main, spec.commandLine(), AirflowDag.render(plan, settings));
    return ExitCode.OK;
  }
}
