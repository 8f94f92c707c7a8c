package io.etlx.bench.faults;

import io.etlx.bench.faults.Scenario.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real CLI as a user runs it — {@code java -jar cli/target/etlx.jar -C DIR ...}, with the
 * launcher's class-data-sharing archive when it exists — as a separate process, optionally
 * interrupted: with {@code ETLX_CRASH_AT} (etlx halts at that point, like kill -9) or by a real
 * SIGKILL after a delay.
 */
final class Cli {
  /** What one process did. {@code killed}: the fault struck (the process did not end by itself). */
  record Result(int exit, boolean killed, long millis, Path out, Path err) {
    String tail() {
      try {
        List<String> lines = new ArrayList<>(Files.readAllLines(err, StandardCharsets.UTF_8));
        lines.removeIf(l -> l.contains(" INFO "));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
      } catch (IOException e) {
        return "(no stderr: " + e.getMessage() + ")";
      }
    }
  }

  static final long TIMEOUT_SECONDS = 180;
  private final List<String> launcher;
  private final Path jar;

  Cli(Path root) {
    Path jar = root.resolve("cli/target/etlx.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (bench/faults/run does)");
    }
    Path cds = root.resolve("cli/target/etlx.jsa");
    launcher =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (Files.isRegularFile(cds)) {
      launcher.addAll(
          List.of(
              "-Xshare:auto",
              "-XX:SharedArchiveFile=" + cds,
              "-Xlog:disable",
              "-Xlog:all=warning:stderr"));
    }
    this.jar = jar;
  }

  /**
   * @param tmp the process's {@code java.io.tmpdir}: a killed process leaves its temp files behind
   *     (DuckDB's extracted native library, ~70 MB, and etlx's rows file being written), so they go
   *     to the cycle's folder
   */
  Result run(
      Path project,
      List<String> args,
      Fault fault,
      Map<String, String> env,
      Path logPrefix,
      Path tmp)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(
        List.of(
            "-Djava.io.tmpdir=" + Files.createDirectories(tmp),
            "-jar",
            jar.toString(),
            "-C",
            project.toString()));
    command.addAll(args);
    Path out = Path.of(logPrefix + ".out");
    Path err = Path.of(logPrefix + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("ETLX_CRASH_AT");
    builder.environment().putAll(env);
    if (fault.crashAt() != null) {
      builder.environment().put("ETLX_CRASH_AT", fault.crashAt());
    }
    long start = System.nanoTime();
    Process process = builder.start();
    boolean signalled = false;
    if (fault.killAfterMillis() > 0
        && !process.waitFor(fault.killAfterMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly(); // SIGKILL
      signalled = true;
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      Files.writeString(
          err,
          "\n[fault campaign] no exit after " + TIMEOUT_SECONDS + " s: killed\n",
          StandardOpenOption.APPEND);
      return new Result(-1, false, (System.nanoTime() - start) / 1_000_000, out, err);
    }
    int exit = process.exitValue();
    // 137 = 128 + SIGKILL; a process that ended on its own just before the signal is not counted as
    // killed
    boolean killed = signalled && exit == 137;
    if (fault.crashAt() != null
        && exit == 137
        && Files.readString(err, StandardCharsets.UTF_8)
            .contains("crashing at " + fault.crashAt())) {
      killed = true;
    }
    return new Result(exit, killed, (System.nanoTime() - start) / 1_000_000, out, err);
  }
}
