package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code etlx init DIR}: a project skeleton a team can commit — an example pipeline with sample
 * data, a dev environment on the embedded default, a .gitignore for local state and a CI workflow
 * that validates every push.
 */
@Command(
    name = "init",
    description = {
      "Create a project: pipelines/ with an example and its sample data, environments/dev.yaml on"
          + " embedded DuckDB, a .gitignore for local state and a CI workflow running validate.",
      "Never overwrites a file.",
      "Example: etlx init analytics && cd analytics && etlx run orders --date 2020-12-01 --env dev"
    })
final class InitCommand implements Callable<Integer> {
  private static final String TEMPLATES = "init/";

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Where to create the project (default: the current directory).")
  Path dir = Path.of(".");

  @Override
  public Integer call() throws IOException {
    Map<String, String> files = files();
    List<String> existing = new ArrayList<>();
    for (String name : files.keySet()) {
      if (Files.exists(dir.resolve(name))) {
        existing.add(name);
      }
    }
    if (!existing.isEmpty()) {
      throw new EtlxException(
          ErrorCode.USAGE,
          dir
              + " already has "
              + String.join(", ", existing)
              + "; init never overwrites a file: choose an empty directory");
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (InputStream in = template(file.getValue())) {
        Files.copy(in, target);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Created a project in " + dir + ":");
    files.keySet().forEach(name -> out.println("  " + name));
    String cd = dir.equals(Path.of(".")) ? "" : "cd " + dir + " && ";
    out.println("Next: " + cd + "etlx run orders --date 2020-12-01 --env dev");
    return ExitCode.OK;
  }

  /** Project path → template name, in order. */
  private static Map<String, String> files() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (BufferedReader index =
        new BufferedReader(new InputStreamReader(template("files.txt"), StandardCharsets.UTF_8))) {
      for (String line = index.readLine(); line != null; line = index.readLine()) {
        if (!line.isBlank()) {
          String[] parts = line.split("=", 2);
          files.put(parts[0], parts[1]);
        }
      }
    }
    return files;
  }

  private static InputStream template(String name) throws IOException {
    InputStream in = InitCommand.class.getResourceAsStream(TEMPLATES + name);
    if (in == null) {
      throw new IOException("missing template " + name);
    }
    return in;
  }
}
