package io.etlx.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process, as a user would from a shell, and captures what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /** {@code etlx -C project ARGS} with these environment variables. */
  static CliRun in(java.nio.file.Path project, Map<String, String> env, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-C";
    all[1] = project.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return of(env, all);
  }
}
