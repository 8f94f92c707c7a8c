package io.etlx.cli;

import io.etlx.engine.EnvironmentSession;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.QueryResult;
import io.etlx.validate.ResolvedPipeline;
import io.etlx.validate.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code etlx query --env E SQL|FILE.sql}: a read query against the environment's warehouse. */
@Command(
    name = "query",
    description = {
      "Run one read query against an environment's warehouse and print the result as CSV.",
      "Read-only: the warehouse itself refuses any write (a read-only transaction, or a read-only"
          + " DuckDB connection); nothing is committed.",
      "$${schema} in the SQL is replaced by the environment's target schema (e.g. alice_dev)."
    })
final class QueryCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      paramLabel = "SQL",
      description = "The SQL text, or a file ending in .sql.")
  String sql;

  @Option(
      names = "--env",
      completionCandidates = CompletionCommand.Environments.class,
      required = true,
      paramLabel = "NAME",
      description = "Environment overlay (environments/NAME.yaml).")
  String environment;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      description = "Rows to print at most (default: ${DEFAULT-VALUE}).")
  int maxRows = 1000;

  @Override
  public Integer call() throws IOException {
    Project project = new Project(main);
    Workspace workspace = project.workspace();
    List<String> pipelines = workspace.pipelineNames();
    if (pipelines.isEmpty()) {
      throw new EtlxException(
          ErrorCode.UNKNOWN_PIPELINE, "no pipeline under " + Workspace.PIPELINES + "/");
    }
    ResolvedPipeline any = workspace.resolve(pipelines.get(0), environment);
    try (EnvironmentSession session = project.session(any)) {
      String text =
          sql.endsWith(".sql") ? Files.readString(main.projectDir.resolve(Path.of(sql))) : sql;
      QueryResult result =
          session.warehouse().query(text.replace("${schema}", session.schema()), maxRows);
      print(result, spec.commandLine().getOut());
      if (result.truncated()) {
        // stderr: stdout stays the CSV, whole, for whoever reads it
        spec.commandLine()
            .getErr()
            .println(
                "etlx: more rows not shown: printed the first "
                    + maxRows
                    + " (raise --max-rows to see more)");
      }
    }
    return ExitCode.OK;
  }

  private static void print(QueryResult result, PrintWriter out) {
    out.println(String.join(",", result.columns()));
    for (List<String> row : result.rows()) {
      out.println(String.join(",", row.stream().map(v -> v == null ? "" : csv(v)).toList()));
    }
  }

  private static String csv(String value) {
    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
