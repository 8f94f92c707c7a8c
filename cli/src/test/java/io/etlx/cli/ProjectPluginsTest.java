package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.spi.NotifierPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own plug-in: a jar in the project's plugins/ is found like a built-in, validated by its
 * own options schema, shown by etlx schema, and run.
 */
class ProjectPluginsTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "plugins");

  private static final String SOURCE =
      """
      package com.team;

      import io.etlx.spi.Notifier;
      import io.etlx.spi.NotifierPlugin;
      import io.etlx.spi.PluginContext;
      import io.etlx.spi.PluginOptions;
      import java.io.IOException;
      import java.io.UncheckedIOException;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.nio.file.StandardOpenOption;

      /** Appends "OUTCOME rows" to a file: a team's own notifier. */
      public final class TallyNotifier implements NotifierPlugin {
        @Override
        public String type() {
          return "tally";
        }

        @Override
        public String optionsSchema() {
          return "/com/team/tally.schema.json";
        }

        @Override
        public Notifier open(PluginOptions options, PluginContext context) {
          Path file = Path.of(options.string("file", "tally.txt"));
          return n -> {
            try {
              Files.writeString(file, n.outcome() + " " + n.rowsLoaded() + "\\n",
                  StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          };
        }
      }
      """;

  private static final String SCHEMA =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tally notifier",
        "type": "object",
        "additionalProperties": false,
        "required": ["file"],
        "properties": {"file": {"type": "string", "description": "Where to append."}}
      }
      """;

  @Test
  void aJarInPluginsIsAPlugInLikeTheBuiltIns() throws Exception {
    ShippedFiles.copyInto(dir);
    plugin(Files.createDirectories(dir.resolve("plugins")).resolve("tally.jar"));
    Path tally = dir.resolve("tally.txt");
    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  - {type: log, on: [failure]}",
                "  - {type: tally, file: \"" + tally + "\", on: [success]}"));

    CliRun schema = etlx("schema", "pipeline");
    CliRun typo = etlx("validate");
    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(schema.out()).contains("tally notifier");
    assertThat(typo.exitCode()).as(typo.out() + typo.err()).isZero();
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(tally).content().isEqualTo("SUCCESS 8\n");

    Files.writeString(spec, Files.readString(spec).replace("file: ", "fiel: "));
    CliRun bad = etlx("validate");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(bad.out()).contains("fiel");
  }

  @Test
  void aPlugInMayNotTakeABuiltInsName() throws Exception {
    ShippedFiles.copyInto(dir);
    Path jar = Files.createDirectories(dir.resolve("plugins")).resolve("log.jar");
    plugin(jar, SOURCE.replace("return \"tally\";", "return \"log\";"));

    CliRun validate = etlx("validate");

    assertThat(validate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(validate.err())
        .contains("com.team.TallyNotifier", "named 'log'", "a name of its own");
  }

  private void plugin(Path jar) throws IOException {
    plugin(jar, SOURCE);
  }

  /** Compiles the plug-in against etlx-spi alone and packs it with its service file and schema. */
  private void plugin(Path jar, String source) throws IOException {
    Path src = Files.createDirectories(dir.resolve("plugin-src/com/team"));
    Files.writeString(src.resolve("TallyNotifier.java"), source);
    Path classes = Files.createDirectories(dir.resolve("plugin-classes"));
    String spi;
    try {
      spi =
          Path.of(NotifierPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "-classpath",
            spi,
            "-d",
            classes.toString(),
            src.resolve("TallyNotifier.java").toString());
    assertThat(compiled).isZero();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(
          out,
          "com/team/TallyNotifier.class",
          Files.readAllBytes(classes.resolve("com/team/TallyNotifier.class")));
      add(out, "com/team/tally.schema.json", SCHEMA.getBytes(StandardCharsets.UTF_8));
      add(
          out,
          "META-INF/services/io.etlx.spi.Plugin",
          "com.team.TallyNotifier\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    jar.write(bytes);
    jar.closeEntry();
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
