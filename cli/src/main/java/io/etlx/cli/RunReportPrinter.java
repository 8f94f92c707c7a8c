package io.etlx.cli;

import io.etlx.engine.RunReport;
import io.etlx.engine.StageReport;
import io.etlx.spi.CheckResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints what a run did, one line per stage; below the load, a line per data check that failed
 * without stopping it.
 */
final class RunReportPrinter {
  private RunReportPrinter() {}

  static void print(RunReport report, PrintWriter out) {
    print(report, out, Style.PLAIN);
  }

  static void print(RunReport report, PrintWriter out, Style style) {
    out.println(header(report));
    for (StageReport stage : report.stages()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %s %10d  %s%n",
          stage.stage().yamlName(),
          action(stage.action(), style),
          stage.rows(),
          note(stage, report));
      for (CheckResult warning : stage.warnings()) {
        out.printf(
            Locale.ROOT, "%34s%s: %s%n", "", warning.severity().yamlName(), warning.describe());
      }
    }
    out.println(report.succeeded() ? "  " + style.good("ok") : "  " + style.bad("failed"));
  }

  /** The run's first line: {@code PIPELINE DATE (ENVIRONMENT)}. */
  static String header(RunReport report) {
    return report.key().pipeline()
        + " "
        + report.key().date()
        + " ("
        + report.key().environment()
        + ")";
  }

  private static String action(StageReport.Action action, Style style) {
    String word = String.format(Locale.ROOT, "%-8s", action.name().toLowerCase(Locale.ROOT));
    return switch (action) {
      case RAN -> style.good(word);
      case SKIPPED -> style.dim(word);
      case FAILED -> style.bad(word);
    };
  }

  /**
   * The stage's note; for the stage that failed the run, its error code only: the message itself is
   * printed once, by the command (on stderr, or in a backfill's summary).
   */
  private static String note(StageReport stage, RunReport report) {
    if (stage.note() == null) {
      return "";
    }
    if (stage.action() == StageReport.Action.FAILED
        && !report.succeeded()
        && stage.note().equals(report.failure().getMessage())) {
      return report.failure().code().name();
    }
    return stage.note();
  }

  /** The first line of a message (a spec error lists one problem per line). */
  static String firstLine(String message) {
    String text = String.valueOf(message).strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }
}
