package io.etlx.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a process of its own and measures what its user waits for and what it costs:
 * wall-clock seconds from start to exit, and peak resident memory. The peak is the kernel's
 * high-water mark ({@code VmHWM} in {@code /proc/PID/status}), polled while the process runs: any
 * poll after the peak sees it, so polling only misses a peak reached in the last few milliseconds.
 * A process that fails makes the benchmark fail, showing its stderr: a failed run has no time.
 */
final class ProcessMeter {
  /** What one process took. {@code peakRssKb} is -1 where {@code /proc} is missing (not Linux). */
  record Result(double seconds, long peakRssKb, String stdout) {}

  private static final long POLL_MILLIS = 20;
  private static final long TIMEOUT_MINUTES = 60;
  private static final int STDERR_LINES_SHOWN = 40;

  private ProcessMeter() {}

  /**
   * Runs {@code command} with {@code env} added to this process's environment; its stdout and
   * stderr go to {@code logs/NAME.out|err}.
   */
  static Result run(List<String> command, Map<String, String> env, Path logs, String name)
      throws IOException, InterruptedException {
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES);
    Process process = builder.start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = -1;
    while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMarkKb(status));
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        process.waitFor();
        throw new IllegalStateException(
            failure(name, "no exit after " + TIMEOUT_MINUTES + " minutes: killed", command, err));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          failure(name, "exit code " + process.exitValue(), command, err));
    }
    return new Result(seconds, peak, Files.readString(out, StandardCharsets.UTF_8));
  }

  /** The process's peak RSS so far, or -1 once it is gone (or without {@code /proc}). */
  private static long highWaterMarkKb(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // the process has just exited: its earlier polls hold the peak
    }
    return -1;
  }

  private static String failure(String name, String why, List<String> command, Path err)
      throws IOException {
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    return name
        + " failed ("
        + why
        + "): "
        + String.join(" ", command)
        + "\n--- stderr (last "
        + STDERR_LINES_SHOWN
        + " lines; all of it in "
        + err
        + ") ---\n"
        + String.join(
            "\n", lines.subList(Math.max(0, lines.size() - STDERR_LINES_SHOWN), lines.size()));
  }
}
