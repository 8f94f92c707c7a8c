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
      for (CheckResult warning : stage.warnings()) {
        out.printf(
            Locale.ROOT, "%34s%s: %s%n", "", warning.severity().yamlName(), warning.describe());
      }
    }
    out.println(report.succeeded() ? "  ok" : "  failed");
  }
}
