package io.etlx.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.validate.ValidationReport;
import io.etlx.validate.Workspace;
import io.etlx.yaml.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code etlx validate}: checks every spec and overlay without touching a warehouse. For CI. */
@Command(
    name = "validate",
    description = {
      "Check pipelines against every environment overlay (or one, with --env) without touching a"
          + " warehouse.",
      "Reports every error as file:line:col: yaml.path: message. Exit 0 when clean, 1 on errors."
    })
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Pipeline files or directories (default: pipelines/).")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--env",
      completionCandidates = CompletionCommand.Environments.class,
      paramLabel = "NAME",
      description = "Validate against this environment only.")
  String environment;

  @Option(
      names = "--require-env",
      description = "Fail when a referenced environment variable (secret) is not set.")
  boolean requireEnv;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
  OutputFormat format = OutputFormat.text;

  @Override
  public Integer call() throws Exception {
    Workspace workspace = new Workspace(main.projectDir, main.registry(), main.processEnv);
    ValidationReport report = workspace.validate(paths, environment, requireEnv);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(json(report));
    } else {
      text(report, out);
    }
    return report.valid() ? ExitCode.OK : ExitCode.USER_ERROR;
  }

  private static void text(ValidationReport report, PrintWriter out) {
    report.problems().forEach(p -> out.println(p.render()));
    report
        .requiredEnv()
        .forEach(
            (file, vars) ->
                out.println(file + ": needs environment variable(s) " + String.join(", ", vars)));
    String scope =
        report.pipelines().size()
            + " pipeline(s), "
            + report.environments().size()
            + " environment(s)";
    if (report.valid()) {
      out.println("ok: " + scope);
    } else {
      out.println(report.problems().size() + " error(s) in " + scope);
    }
  }

  private static String json(ValidationReport report) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("valid", report.valid());
    ArrayNode errors = root.putArray("errors");
    for (Problem p : report.problems()) {
      ObjectNode error = errors.addObject();
      error.put("file", p.origin().file());
      error.put("line", p.origin().line());
      error.put("column", p.origin().column());
      error.put("path", p.path());
      error.put("code", p.code().name());
      error.put("message", p.message());
    }
    ObjectNode required = root.putObject("required_env");
    report.requiredEnv().forEach((file, vars) -> vars.forEach(required.putArray(file)::add));
    report.pipelines().forEach(root.putArray("pipelines")::add);
    report.environments().forEach(root.putArray("environments")::add);
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
