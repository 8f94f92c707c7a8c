package io.etlx.spi;

import java.util.List;

/**
 * The outcome of one {@link DataCheck} on one batch, in plain values, so state stores keep it and
 * notifiers send it as it is.
 *
 * @param check the check's YAML name, e.g. {@code max}
 * @param column the column it read; null for a check of the whole batch
 * @param failingRows rows that failed a row check (0 for batch checks)
 * @param samples a few failing rows, each as its primary key and the checked value, e.g. {@code
 *     (date=2020-12-01, currency_code=JPY, exchange_rate=1500000.000000)}
 * @param detail a failed row check: why its rows fail ({@code exchange_rate is above 1000000}); a
 *     batch check: what it found; null for a passed row check
 */
public record CheckResult(
    String check,
    String column,
    DataCheck.Severity severity,
    boolean passed,
    long failingRows,
    List<String> samples,
    String detail) {
  public CheckResult {
    samples = List.copyOf(samples);
  }

  /**
   * A failed check that let the load go on: reported as a warning (warn), or its rows set aside
   * (quarantine).
   */
  public boolean isWarning() {
    return !passed && severity != DataCheck.Severity.ERROR;
  }

  /**
   * One line for messages, e.g. {@code exchange_rate is above 1000000 (max): 2 row(s), e.g.
   * (date=2020-12-01, currency_code=JPY, exchange_rate=1500000.000000)}.
   */
  public String describe() {
    if (column == null) {
      return check + ": " + detail;
    }
    String text = (detail == null ? column : detail) + " (" + check + ")";
    if (passed) {
      return text + ": passed";
    }
    text += ": " + failingRows + " row(s)";
    return samples.isEmpty() ? text : text + ", e.g. " + String.join(", ", samples);
  }
}
