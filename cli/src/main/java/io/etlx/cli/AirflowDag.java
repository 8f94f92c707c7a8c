package io.etlx.cli;

import io.etlx.spec.PipelineSpec;
import io.etlx.spec.SlaSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An Airflow 2 DAG, as Python source, that runs a project's pipelines: one task per pipeline
 * running {@code etlx run PIPELINE --date DATE --env ENV} for the day of the run's data interval,
 * an edge per {@code depends_on}, and etlx's exit codes mapped to what Airflow does next (retry,
 * fail at once, or succeed with a warning). The same plan and settings always give the same bytes,
 * so the file can be committed and diffed. Every value taken from the project goes through {@link
 * PythonText}.
 */
final class AirflowDag {
  /** Airflow's own rule for a DAG or task id. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,250}");

  /**
   * How the DAG runs.
   *
   * @param deployDir the project directory on the workers; null: the DAG file's own directory
   * @param timezone the IANA zone of the schedule and of {@code start_date}
   */
  record Settings(
      String dagId,
      DailySchedule schedule,
      LocalDate startDate,
      String timezone,
      int retries,
      Duration retryDelay,
      Duration timeout,
      String deployDir,
      String etlxCommand) {}

  private AirflowDag() {}

  /** The DAG file's text. */
  static String render(ExportPlan plan, Settings settings) {
    StringBuilder py = new StringBuilder();
    header(plan, settings, py);
    py.append(
        """
        import datetime
        import logging
        import os
        import shlex
        import subprocess

        import pendulum
        from airflow import DAG
        from airflow.exceptions import AirflowException, AirflowFailException
        from airflow.operators.python import PythonOperator

        """);
    py.append("ETLX = ").append(PythonText.string(settings.etlxCommand())).append('\n');
    py.append("PROJECT_DIR = ")
        .append(
            settings.deployDir() == null
                ? "os.path.dirname(os.path.abspath(__file__))"
                : PythonText.string(settings.deployDir()))
        .append('\n');
    py.append("ENVIRONMENT = ").append(PythonText.string(plan.environment())).append('\n');
    py.append("TIMEZONE = ").append(PythonText.string(settings.timezone())).append('\n');
    py.append(
        """
        # exit codes of etlx run (any other, such as a killed process's, is retried too)
        NOT_RETRIED = {1: "user error", 2: "usage error", 4: "internal error"}
        RETRIED = {3: "a source or a store failed", 5: "another worker is running this date"}
        NOTIFY_FAILED = 6  # the data is loaded, only a notification failed


        def run_etlx(pipeline, data_interval_start):
            \"""Runs one pipeline for the run's date; etlx's exit code decides the task's outcome.\"""
            date = data_interval_start.in_timezone(TIMEZONE).strftime("%Y-%m-%d")
            argv = [ETLX, "-C", PROJECT_DIR, "run", pipeline, "--date", date, "--env", ENVIRONMENT]
            log = logging.getLogger("airflow.task")
            log.info("running %s", " ".join(shlex.quote(arg) for arg in argv))
            process = subprocess.Popen(
                argv,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
            try:
                for line in process.stdout:
                    log.info("%s", line.rstrip("\\n"))
                code = process.wait()
            except BaseException:
                # the task is being stopped (execution_timeout, marked failed): stop etlx with it
                process.terminate()
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                raise
            if code == 0:
                return
            if code == NOTIFY_FAILED:
                log.warning(
                    "etlx exited with 6: %s %s (%s) is loaded, only a notification failed;"
                    " not retried, so the load does not run again",
                    pipeline,
                    date,
                    ENVIRONMENT,
                )
                return
            if code in NOT_RETRIED:
                raise AirflowFailException(
                    f"etlx exited with {code} ({NOT_RETRIED[code]}): a retry would fail the same"
                    " way; fix the cause (see the log), then clear the task"
                )
            raise AirflowException(
                f"etlx exited with {code} ({RETRIED.get(code, 'stopped')}): a retry is safe,"
                " the stages that succeeded are skipped"
            )


        """);
    py.append("with DAG(\n");
    py.append("    dag_id=").append(PythonText.string(settings.dagId())).append(",\n");
    py.append("    description=")
        .append(PythonText.string("etlx pipelines of environment " + plan.environment()))
        .append(",\n");
    py.append("    schedule=").append(PythonText.string(settings.schedule().text())).append(",\n");
    LocalDate start = settings.startDate();
    py.append("    start_date=pendulum.datetime(")
        .append(start.getYear())
        .append(", ")
        .append(start.getMonthValue())
        .append(", ")
        .append(start.getDayOfMonth())
        .append(", tz=TIMEZONE),\n");
    py.append("    catchup=True,\n");
    py.append("    max_active_runs=1,\n");
    py.append("    default_args={\n");
    py.append("        \"retries\": ").append(settings.retries()).append(",\n");
    py.append("        \"retry_delay\": ")
        .append(PythonText.timedelta(settings.retryDelay()))
        .append(",\n");
    py.append("        \"retry_exponential_backoff\": True,\n");
    py.append("        \"max_retry_delay\": ")
        .append(PythonText.timedelta(maxRetryDelay(settings)))
        .append(",\n");
    py.append("        \"execution_timeout\": ")
        .append(PythonText.timedelta(settings.timeout()))
        .append(",\n");
    py.append("    },\n");
    py.append("    tags=")
        .append(PythonText.list(List.of("etlx", plan.environment())))
        .append(",\n");
    py.append(") as dag:\n");
    py.append("    tasks = {}\n");
    for (PipelineSpec pipeline : plan.pipelines()) {
      String key = PythonText.string(pipeline.name());
      py.append("    tasks[").append(key).append("] = PythonOperator(\n");
      py.append("        task_id=")
          .append(PythonText.string(taskId(pipeline.name())))
          .append(",\n");
      py.append("        python_callable=run_etlx,\n");
      py.append("        op_kwargs={\"pipeline\": ").append(key).append("},\n");
      py.append("        doc_md=").append(PythonText.string(doc(plan, pipeline))).append(",\n");
      Duration sla = sla(pipeline, settings);
      if (sla != null) {
        py.append("        sla=").append(PythonText.timedelta(sla)).append(",\n");
      }
      py.append("    )\n");
    }
    for (PipelineSpec pipeline : plan.pipelines()) {
      for (String upstream : pipeline.dependsOn()) {
        py.append("    tasks[")
            .append(PythonText.string(upstream))
            .append("] >> tasks[")
            .append(PythonText.string(pipeline.name()))
            .append("]\n");
      }
    }
    return py.toString();
  }

  private static void header(ExportPlan plan, Settings settings, StringBuilder py) {
    String env = CommentText.line(plan.environment());
    List<String> lines = new ArrayList<>();
    lines.add(
        "Airflow DAG "
            + CommentText.line(settings.dagId())
            + ": the etlx pipelines of environment "
            + env
            + ".");
    lines.add(
        "Generated by `etlx export airflow`; do not edit: export it again when the pipelines");
    lines.add("change (the same project gives the same file).");
    lines.add("");
    lines.add(
        "Each task runs `etlx -C PROJECT_DIR run PIPELINE --date DATE --env "
            + env
            + "`, DATE being");
    lines.add(
        "the day of the run's data interval in "
            + settings.timezone()
            + " (Airflow's ds is in UTC);");
    lines.add("depends_on gives the edges (upstream >> downstream). etlx's exit code decides what");
    lines.add("Airflow does next:");
    lines.add("  0        success");
    lines.add("  6        success, with a warning in the log: the data is loaded and only a");
    lines.add("           notification failed; a retry must not load again, and the downstream");
    lines.add("           pipelines may go on");
    lines.add("  1, 2, 4  failed at once, not retried (AirflowFailException): a user, usage or");
    lines.add("           internal error fails the same way until a person fixes it");
    lines.add("  3, 5     failed and retried: a source or a store failed, or another worker holds");
    lines.add(
        "           the date's lock; an etlx rerun is always safe (the stages that succeeded");
    lines.add("           are skipped), and so any other code (a killed etlx) is retried too");
    lines.add("Settings:");
    lines.add(
        "  retries: "
            + settings.retries()
            + ", after "
            + human(settings.retryDelay())
            + ", doubling up to "
            + human(maxRetryDelay(settings))
            + ": for outages longer than etlx's");
    lines.add("    own retries inside a stage (seconds apart; a source's `retries:` in its spec)");
    lines.add(
        "  execution_timeout: "
            + human(settings.timeout())
            + " per attempt; the attempt is stopped (etlx with it) and retried");
    lines.add("  catchup=True, max_active_runs=1: every date from start_date on runs, oldest");
    lines.add("    first, one at a time; etlx skips a date already loaded in seconds, and an");
    lines.add("    incremental source reads its dates in order");
    lines.add(
        "  sla: a pipeline's `sla: {deadline, days_after}` as the time after the run's start");
    lines.add("    (the end of its data interval) by which it is due; alerts that need no");
    lines.add("    scheduler: `etlx check-sla --env " + env + " --notify`");
    lines.add("  notify: etlx's notifiers send each run's outcome themselves, retries included");
    lines.add("");
    if (plan.requiredEnv().isEmpty()) {
      lines.add("The workers need no environment variable (secret) for these pipelines.");
    } else {
      lines.add("The workers must set these environment variables (secrets):");
      lines.addAll(CommentText.wrapped(plan.requiredEnv(), 80));
    }
    lines.add("");
    lines.add("Pipelines, upstream first:");
    for (PipelineSpec pipeline : plan.pipelines()) {
      StringBuilder line = new StringBuilder("  ").append(pipeline.name());
      if (!pipeline.dependsOn().isEmpty()) {
        line.append(" <- ").append(String.join(", ", pipeline.dependsOn()));
      }
      if (pipeline.sla() != null) {
        Duration sla = sla(pipeline, settings);
        line.append(
            sla == null
                ? "; its sla: is not mapped (" + slaUnmapped(pipeline, settings) + ")"
                : "; sla " + human(sla));
      }
      lines.add(line.toString());
    }
    for (String line : lines) {
      py.append(line.isEmpty() ? "#" : "# " + CommentText.line(line)).append('\n');
    }
    py.append('\n');
  }

  /** The task's documentation in Airflow's UI: the pipeline's description and its command. */
  private static String doc(ExportPlan plan, PipelineSpec pipeline) {
    StringBuilder doc = new StringBuilder();
    if (pipeline.description() != null && !pipeline.description().isBlank()) {
      doc.append(pipeline.description().strip()).append("\n\n");
    }
    doc.append("`etlx run ")
        .append(pipeline.name())
        .append(" --date DATE --env ")
        .append(plan.environment())
        .append("` (")
        .append(pipeline.file())
        .append(')');
    return doc.toString();
  }

  /**
   * The pipeline's SLA as Airflow's: the time after the end of the run's data interval (when the
   * day after the logical date's run starts) by which the task should have succeeded. Null when it
   * has none, when the schedule runs in another time zone, or when the deadline falls before the
   * run starts.
   */
  static Duration sla(PipelineSpec pipeline, Settings settings) {
    SlaSpec sla = pipeline.sla();
    if (sla == null || slaUnmapped(pipeline, settings) != null) {
      return null;
    }
    return slaAfterStart(sla, settings);
  }

  private static Duration slaAfterStart(SlaSpec sla, Settings settings) {
    return Duration.ofDays(sla.daysAfter() - 1L)
        .plusSeconds(sla.deadline().toSecondOfDay())
        .minusSeconds(settings.schedule().at().toSecondOfDay());
  }

  private static String slaUnmapped(PipelineSpec pipeline, Settings settings) {
    if (!ExportPlan.zoneName(pipeline.timezone()).equals(settings.timezone())) {
      return "the schedule runs in another time zone";
    }
    Duration afterStart = slaAfterStart(pipeline.sla(), settings);
    if (afterStart.isNegative() || afterStart.isZero()) {
      return "its deadline is before the run starts";
    }
    return null;
  }

  /** The id of a pipeline's task: its name (a pipeline name is already a valid id). */
  static String taskId(String pipeline) {
    if (!ID.matcher(pipeline).matches()) {
      throw new IllegalArgumentException("not an Airflow task id: " + pipeline);
    }
    return pipeline;
  }

  private static Duration maxRetryDelay(Settings settings) {
    Duration hour = Duration.ofHours(1);
    return settings.retryDelay().compareTo(hour) > 0 ? settings.retryDelay() : hour;
  }

  /** {@code 90 min}, {@code 2 h}, {@code 1 d 6 h}. */
  static String human(Duration duration) {
    List<String> parts = new ArrayList<>();
    if (duration.toDaysPart() > 0) {
      parts.add(duration.toDaysPart() + " d");
    }
    if (duration.toHoursPart() > 0) {
      parts.add(duration.toHoursPart() + " h");
    }
    if (duration.toMinutesPart() > 0) {
      parts.add(duration.toMinutesPart() + " min");
    }
    if (duration.toSecondsPart() > 0 || parts.isEmpty()) {
      parts.add(duration.toSecondsPart() + " s");
    }
    return String.join(" ", parts);
  }
}
