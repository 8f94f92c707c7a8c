package io.etlx.cli;

import io.etlx.engine.DryRun;
import java.io.PrintWriter;
import java.util.Locale;

/** A dry run as text: one line per stage, then the DDL the load would apply first. */
final class DryRunPrinter {
  private DryRunPrinter() {}

  static void print(DryRun.Plan plan, PrintWriter out) {
    out.println(plan.key() + " — dry run, nothing runs");
    if (!plan.waitsFor().isEmpty()) {
      out.println(
          "  before any stage: would fail (or wait, with --wait-for-upstream): "
              + String.join(", ", plan.waitsFor())
              + " ha"
              + (plan.waitsFor().size() == 1 ? "s" : "ve")
              + " not loaded "
              + plan.key().date()
              + " (depends_on)");
    }
    for (DryRun.Step step : plan.steps()) {
      out.printf(
          Locale.ROOT,
          "  %-10s %-11s %s%n",
          step.stage().yamlName(),
          step.run() ? "would run" : "would skip",
          step.reason());
    }
    if (plan.ddlUnknown() != null) {
      out.println("  DDL before the load: unknown (" + plan.ddlUnknown() + ")");
    } else if (plan.ddl() != null) {
      if (plan.ddl().isEmpty()) {
        out.println("  DDL before the load: none, the table is up to date");
      } else {
        out.println("  DDL before the load:");
        plan.ddl().forEach(sql -> out.println("    " + sql + ";"));
      }
    }
    if (!plan.load().isEmpty()) {
      out.println(
          "  then the load: a staging table, the rest in one transaction (values bound then):");
      plan.load().forEach(sql -> out.println("    " + sql.strip().replace("\n", "\n    ") + ";"));
    }
  }
}
