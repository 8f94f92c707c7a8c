package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as built ({@code cli/target/etlx-VERSION.tar.gz}), unpacked into an
 * empty directory, with a PATH that has Java and a shell but no Maven: init, validate, run,
 * backfill and query work from it alone.
 */
class DistributionIT {
  @TempDir Path dir;

  @Test
  void aNewProjectRunsFromTheDistributionWithoutMaven() throws Exception {
    String archive = System.getProperty("etlx.dist");
    assumeTrue(archive != null, "run by failsafe after package, which sets etlx.dist");
    Path opt = Files.createDirectories(dir.resolve("opt"));
    Process untar =
        new ProcessBuilder("tar", "-xzf", archive, "-C", opt.toString()).inheritIO().start();
    assertThat(untar.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(untar.exitValue()).isZero();
    Path dist;
    try (var unpacked = Files.list(opt)) {
      dist = unpacked.findFirst().orElseThrow(); // etlx-VERSION/
    }
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : List.of("bash", "dirname", "readlink", "rm", "mv", "touch")) {
      Files.createSymbolicLink(tools.resolve(tool), Path.of("/usr/bin", tool));
    }
    Files.createSymbolicLink(
        tools.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    // etlx linked onto PATH, as the README shows
    Files.createSymbolicLink(tools.resolve("etlx"), dist.resolve("bin/etlx"));
    Map<String, String> env =
        Map.of("PATH", tools.toString(), "HOME", dir.toString(), "USER", "dist");

    Result init = run(dir, env, "etlx", "init", "analytics");
    Path project = dir.resolve("analytics");
    Result validate = run(project, env, "etlx", "validate");
    Result first =
        run(project, env, "etlx", "run", "orders", "--date", "2020-12-01", "--env", "dev");
    Result backfill =
        run(
            project,
            env,
            "etlx",
            "backfill",
            "orders",
            "--from",
            "2020-12-01",
            "--to",
            "2020-12-02",
            "--env",
            "dev");
    Result query =
        run(
            project,
            env,
            "etlx",
            "query",
            "--env",
            "dev",
            "select order_id, amount from ${schema}.orders order by order_id");
    Result again = run(dir, env, "etlx", "init", "analytics");
    // an upgrade in place replaces the jar: the archive of the one before is made again
    Path jar = dist.resolve("etlx.jar");
    Path cds = dist.resolve("etlx.jsa");
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(cds).toMillis() + 2000));
    Result upgraded = run(dir, env, "etlx", "--version");
    boolean archivedAgain =
        Files.getLastModifiedTime(cds).compareTo(Files.getLastModifiedTime(jar)) >= 0;
    Map<String, String> toolOptions = new HashMap<>(env);
    toolOptions.put("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC");
    Result ownCollector = run(dir, toolOptions, "etlx", "--version");

    assertThat(init.code).as(init.output).isZero();
    // the first command made the class-data-sharing archive the later ones start with
    assertThat(dist.resolve("etlx.jsa")).isRegularFile();
    assertThat(dist).isDirectoryNotContaining("glob:**.{classes,part,training}");
    assertThat(init.output).contains("pipelines/orders.yaml", ".github/workflows/etlx.yml");
    assertThat(project.resolve(".gitignore")).content().contains(".etlx/");
    assertThat(validate.code).as(validate.output).isZero();
    assertThat(first.code).as(first.output).isZero();
    assertThat(backfill.code).as(backfill.output).isZero();
    assertThat(query.out).isEqualTo("order_id,amount\n1,12.50\n2,7.00\n3,125.00\n4,3.20\n");
    assertThat(again.code).isEqualTo(ExitCode.USAGE);
    assertThat(again.output).contains("never overwrites");
    assertThat(upgraded.code).as(upgraded.output).isZero();
    assertThat(upgraded.output).doesNotContain("warning");
    assertThat(archivedAgain).isTrue();
    // a collector named in the JVM's own variables replaces the launcher's (two would not start)
    assertThat(ownCollector.code).as(ownCollector.output).isZero();
  }

  /** {@code output}: stdout and stderr; {@code out}: stdout alone. */
  private record Result(int code, String output, String out) {}

  private static Result run(Path cwd, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.command().set(0, Path.of(env.get("PATH"), command[0]).toString());
    Path out = Files.createTempFile(cwd, "out", ".txt");
    Path err = Files.createTempFile(cwd, "err", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    Files.delete(out);
    Files.delete(err);
    return new Result(process.exitValue(), stdout + stderr, stdout);
  }
}
