package io.etlx.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * etlx as a user runs it: the command the {@code ./etlx} launcher executes (its class-data-sharing
 * archive, JVM warnings on stderr, {@code ETLX_JAVA_OPTS}), one process per command, with {@code
 * --format json} for the per-stage times of the run's own report.
 */
final class EtlxCli {
  /** The data stages, each with a column of its own; notify counts as between stages. */
  static final List<String> STAGES = List.of("extract", "transform", "load");

  record Stage(String action, long rows, double seconds) {}

  /**
   * One command: the process as measured from outside; the run's own duration and its stages as
   * etlx reported them.
   */
  record Run(ProcessMeter.Result process, double runSeconds, Map<String, Stage> stages) {
    double seconds(String stage) {
      return stages.get(stage).seconds();
    }

    /**
     * Wall-clock time outside the run etlx reports: JVM start-up, reading the project, opening the
     * environment, and exit.
     */
    double outsideRun() {
      return process.seconds() - runSeconds;
    }

    /** The run's time outside the data stages: the lock, stage decisions, state, notify. */
    double betweenStages() {
      return runSeconds - STAGES.stream().mapToDouble(this::seconds).sum();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> launcher;

  /**
   * @param javaOpts what a user would put in {@code ETLX_JAVA_OPTS}
   */
  EtlxCli(Path root, List<String> javaOpts) {
    Path jar = root.resolve("cli/target/etlx.jar");
    Path cds = root.resolve("cli/target/etlx.jsa");
    for (Path built : List.of(jar, cds)) {
      if (!Files.isRegularFile(built)) {
        throw new IllegalStateException(built + " is missing: bench/run builds it");
      }
    }
    launcher =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:SharedArchiveFile=" + cds,
                "-Xlog:disable",
                "-Xlog:all=warning:stderr"));
    // the launcher's collector and young generation, unless ETLX_JAVA_OPTS or the JVM's own option
    // variables name them
    List<String> named = new ArrayList<>(javaOpts);
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      named.addAll(List.of(System.getenv().getOrDefault(variable, "").trim().split("\\s+")));
    }
    if (named.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
      launcher.add("-XX:+UseSerialGC");
      if (named.stream()
          .noneMatch(
              o ->
                  o.startsWith("-Xmn")
                      || o.startsWith("-XX:NewSize=")
                      || o.startsWith("-XX:MaxNewSize=")
                      || o.startsWith("-XX:NewRatio="))) {
        launcher.add("-XX:MaxNewSize=32m");
      }
    }
    launcher.addAll(javaOpts);
    launcher.addAll(List.of("-jar", jar.toString()));
  }

  /**
   * Runs {@code etlx -C PROJECT run order_items --date DATE --env bench --format json EXTRA…} and
   * checks that it did what the scenario is about: every data stage took {@code action} ({@code
   * ran} or {@code skipped}), extract and transform over {@code rows} rows. (The load reports the
   * rows it wrote: on PostgreSQL a rerun writes only the changed ones; the table itself is checked
   * by the caller.) Anything else is a broken measurement, not a slow or fast one.
   */
  Run run(
      BenchProject project,
      Map<String, String> env,
      Path logs,
      String name,
      String action,
      long rows,
      String... extra)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(
        List.of(
            "-C",
            project.dir().toString(),
            "run",
            BenchProject.PIPELINE,
            "--date",
            BenchProject.DATE,
            "--env",
            BenchProject.ENV,
            "--format",
            "json"));
    command.addAll(List.of(extra));
    ProcessMeter.Result process = ProcessMeter.run(command, env, logs, name);
    JsonNode report = JSON.readTree(process.stdout());
    Map<String, Stage> stages = new LinkedHashMap<>();
    for (JsonNode s : report.get("stages")) {
      stages.put(
          s.get("stage").asText(),
          new Stage(
              s.get("action").asText(),
              s.get("rows").asLong(),
              s.get("duration_ms").asLong() / 1000.0));
    }
    for (String stage : STAGES) {
      Stage s = stages.get(stage);
      if (s == null || !s.action().equals(action) || (!stage.equals("load") && s.rows() != rows)) {
        throw new IllegalStateException(
            name
                + ": expected every data stage "
                + action
                + ", extract and transform over "
                + rows
                + " rows; got "
                + stages
                + " (report: "
                + logs.resolve(name + ".out")
                + ")");
      }
    }
    return new Run(process, report.get("duration_ms").asLong() / 1000.0, stages);
  }
}
