package io.etlx.state;

import io.etlx.spi.CheckResult;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a stage execution keeps for later attempts beside its checksums, typed, so nothing is ever
 * parsed back out of a checksum field.
 *
 * @param loadId the load stage: the id its transaction writes into the warehouse's ledger row,
 *     chosen before the load starts, so a rerun after a crash can ask the warehouse whether that
 *     very attempt committed; the notify stage: the load it notified about. Null elsewhere.
 * @param sent the notify stage: the notifiers (by position) that already sent the notification
 *     about {@code loadId}, so a rerun after a partial failure sends only to the others
 * @param checks the load stage: the outcome of each data check of the batch it loaded, so {@code
 *     status} and a later notification can report the warnings of a load
 */
public record StageContext(String loadId, SortedSet<Integer> sent, List<CheckResult> checks) {
  public static final StageContext EMPTY = new StageContext(null, new TreeSet<>(), List.of());

  public StageContext {
    sent = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sent));
    checks = List.copyOf(checks);
  }

  public StageContext(String loadId, SortedSet<Integer> sent) {
    this(loadId, sent, List.of());
  }

  public static StageContext load(String loadId) {
    return new StageContext(loadId, new TreeSet<>());
  }

  public static StageContext load(String loadId, List<CheckResult> checks) {
    return new StageContext(loadId, new TreeSet<>(), checks);
  }

  public static StageContext notified(String loadId, List<Integer> sent) {
    return new StageContext(loadId, new TreeSet<>(sent));
  }

  /** The checks that failed without stopping the load (warn, quarantine). */
  public List<CheckResult> warnings() {
    return checks.stream().filter(CheckResult::isWarning).toList();
  }

  public boolean isEmpty() {
    return loadId == null && sent.isEmpty() && checks.isEmpty();
  }
}
