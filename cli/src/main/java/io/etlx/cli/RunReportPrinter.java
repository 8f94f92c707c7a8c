package io.etlx.cli;

import io.etlx.engine.RunReport;
import io.etlx.engine.StageReport;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints what a run did, one line per stage. */
final class RunReportPrinter {
  private RunReportPrinter() {}

  static void print(RunReport report, PrintWriter out) {
    out.println(
        report.key().pipeline()
            + " "
            + report.key().date()
            + " ("
            + report.key().environment()
            + ")");
    for (StageReport stage : report.stages()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %-8s %10d  %s%n",
          stage.stage().yamlName(),
          stage.action().name().toLowerCase(Locale.ROOT),
          stage.rows(),
          stage.note() == null ? "" : stage.note());
    }
    out.println(report.succeeded() ? "  ok" : "  failed");
  }
}
