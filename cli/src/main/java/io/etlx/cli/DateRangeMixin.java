package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** {@code --from D1 --to D2}, inclusive, for commands over a range of logical dates. */
final class DateRangeMixin {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "First logical date.")
  LocalDate from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Last logical date (inclusive).")
  LocalDate to;

  /** Checks the range before any work starts. */
  DateRangeMixin checked() {
    if (to.isBefore(from)) {
      throw new EtlxException(ErrorCode.USAGE, "--to " + to + " is before --from " + from);
    }
    return this;
  }
}
