package io.etlx.notify.email;

import io.etlx.spi.CheckResult;
import io.etlx.spi.Notification;
import io.etlx.spi.NotifyEvent;
import java.util.Locale;

/** The subject and plain-text body of the mail that reports a run's outcome. */
final class OutcomeMail {
  private OutcomeMail() {}

  static String subject(String prefix, Notification n) {
    return prefix == null || prefix.isBlank() ? n.subject() : prefix.strip() + " " + n.subject();
  }

  static String body(Notification n) {
    boolean failed = n.outcome() == NotifyEvent.FAILURE;
    StringBuilder body = new StringBuilder();
    body.append(n.subject()).append("\n\n");
    line(body, "Pipeline", n.pipeline());
    line(body, "Environment", n.environment());
    line(body, "Logical date", n.date().toString());
    line(body, "Outcome", n.outcome().name().toLowerCase(Locale.ROOT));
    if (failed) {
      line(body, "Failed stage", n.failedStage());
      line(body, "Error", n.error());
      line(body, "Error code", n.errorCode() == null ? null : n.errorCode().name());
    }
    line(
        body,
        "Rows loaded",
        n.rowsLoaded()
            + (n.loadSkipped() ? " (by an earlier run; this run skipped the load)" : ""));
    if (n.run() != null) {
      line(body, "Run id", n.run().id());
      line(body, "Attempt", Integer.toString(n.run().attempt()));
      line(body, "Started", n.run().startedAt().toString());
      line(body, "Duration", n.run().duration().toMillis() + " ms");
    }
    if (!n.warnings().isEmpty()) {
      body.append("\nData checks that failed without stopping the load:\n");
      for (CheckResult warning : n.warnings()) {
        body.append("- ")
            .append(warning.severity().yamlName())
            .append(": ")
            .append(warning.describe())
            .append('\n');
      }
    }
    body.append("\nRerun: etlx run ")
        .append(n.pipeline())
        .append(" --date ")
        .append(n.date())
        .append(" --env ")
        .append(n.environment())
        .append('\n');
    // the reader deciding whether to rerun needs to know it cannot load anything twice
    body.append("A rerun is always safe: stages that already succeeded are skipped.\n");
    return body.toString();
  }

  private static void line(StringBuilder body, String label, String value) {
    body.append(String.format(Locale.ROOT, "%-14s%s\n", label + ":", value == null ? "-" : value));
  }
}
