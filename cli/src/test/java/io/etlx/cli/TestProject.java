package io.etlx.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway etlx project: the shipped exchange_rates pipeline, a dev and a prod overlay sharing
 * one DuckDB file (schemas alice_dev and raw), and helpers to run the CLI and read the warehouse.
 */
final class TestProject {
  final Path dir;
  final Map<String, String> env;
  private final Backend backend;

  TestProject(Path dir, String apiUrl) throws IOException {
    this(dir, apiUrl, true, Backend.duckdb());
  }

  TestProject(Path dir, String apiUrl, boolean webhook) throws IOException {
    this(dir, apiUrl, webhook, Backend.duckdb());
  }

  /** With {@code webhook}, the pipeline also notifies {@code /hook} of the test server. */
  TestProject(Path dir, String apiUrl, boolean webhook, Backend backend) throws IOException {
    this.dir = dir;
    this.backend = backend;
    Map<String, String> variables =
        new java.util.HashMap<>(Map.of("USER", "alice", "FX_APP_ID", "s3cr3t-app-id"));
    variables.putAll(backend.secrets());
    this.env = Map.copyOf(variables);
    Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(dir.resolve("environments"));
    String shipped = Files.readString(Path.of("../pipelines/exchange_rates.yaml"));
    String pipeline =
        !webhook
            ? shipped
            : shipped.replace(
                "  - {type: log, on: [success, failure]}",
                "  - {type: log, on: [success, failure]}\n"
                    + "  - {type: webhook, on: [success, failure], url: \"${env.hook}\"}");
    Files.writeString(dir.resolve("pipelines/exchange_rates.yaml"), pipeline);
    for (String name : List.of("dev", "prod")) {
      String schema = name.equals("dev") ? "\"${USER:-local}_dev\"" : "raw";
      Files.writeString(
          dir.resolve("environments/" + name + ".yaml"),
          backend.overlay(name)
              + """
              schema: %s
              vars: {fx_api_url: "%s", hook: "%s/hook"}
              """
                  .formatted(schema, apiUrl, apiUrl));
    }
  }

  /**
   * Runs the CLI in a process of its own that halts at {@code crashAt} (like kill -9: no clean-up
   * runs); returns its exit code (137 when it crashed) and what it printed on stderr.
   */
  CliRun crashing(String crashAt, String... args) throws IOException, InterruptedException {
    return process(Map.of("ETLX_CRASH_AT", crashAt), args);
  }

  /**
   * Runs the CLI in a process of its own, as from a shell: what it printed includes its log lines
   * (stderr), which an in-process run does not capture.
   */
  CliRun process(Map<String, String> extraEnv, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "-C",
                dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("crashed-out.txt").toFile())
            .redirectError(dir.resolve("crashed-err.txt").toFile());
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("etlx did not finish: " + command);
    }
    return new CliRun(
        process.exitValue(),
        Files.readString(dir.resolve("crashed-out.txt")),
        Files.readString(dir.resolve("crashed-err.txt")));
  }

  /** Replaces the pipeline's YAML (a new spec version, or a revert). */
  void writePipeline(String yaml) throws IOException {
    Files.writeString(dir.resolve("pipelines/exchange_rates.yaml"), yaml);
  }

  String pipeline() throws IOException {
    return Files.readString(dir.resolve("pipelines/exchange_rates.yaml"));
  }

  /** Loses the state store of {@code env} (a deleted directory, dropped tables). */
  void loseState(String env) throws Exception {
    backend.loseState(dir, env);
  }

  CliRun etlx(String... args) {
    List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
    all.addAll(List.of(args));
    if (args[0].equals("run") || args[0].equals("backfill")) {
      all.addAll(List.of("--retry-backoff-ms", "10"));
    }
    return CliRun.of(env, all.toArray(String[]::new));
  }

  /**
   * Every row of a table as text, ordered, for comparing whole tables; empty when it does not
   * exist.
   */
  List<String> rows(String table) throws SQLException {
    try (Connection c = backend.connect(dir);
        Statement s = c.createStatement()) {
      try (ResultSet exists =
          s.executeQuery(
              "SELECT count(*) FROM information_schema.tables WHERE table_schema || '.' ||"
                  + " table_name = '"
                  + table
                  + "'")) {
        exists.next();
        if (exists.getInt(1) == 0) {
          return List.of();
        }
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.append(i > 1 ? "|" : "").append(rs.getString(i));
          }
          rows.add(row.toString());
        }
      }
      rows.sort(null);
      return rows;
    }
  }

  void sql(String statement) throws SQLException {
    try (Connection c = backend.connect(dir);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
