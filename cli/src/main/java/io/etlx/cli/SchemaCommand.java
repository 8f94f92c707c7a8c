package io.etlx.cli;

import io.etlx.validate.SchemaDocuments;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code etlx schema pipeline|environment}: the JSON Schema for editors (e.g. the YAML language
 * server).
 */
@Command(
    name = "schema",
    description =
        "Print the JSON Schema (draft 2020-12) of pipeline or environment files, plug-in options"
            + " included.")
final class SchemaCommand implements Callable<Integer> {
  enum Kind {
    pipeline,
    environment
  }

  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(index = "0", description = "pipeline or environment")
  Kind kind;

  @Override
  public Integer call() {
    String schema =
        kind == Kind.pipeline
            ? SchemaDocuments.pipeline(main.registry())
            : SchemaDocuments.environment(main.registry());
    spec.commandLine().getOut().println(schema);
    return ExitCode.OK;
  }
}
