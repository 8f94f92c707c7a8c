package io.etlx.engine;

import io.etlx.error.EtlxException;
import io.etlx.state.RunKey;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one run; {@code failure} is null when every stage succeeded or was skipped. {@code
 * runId} is null (and the times equal) for a run that never started, e.g. in a backfill whose date
 * another worker holds.
 */
public record RunReport(
    RunKey key,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    List<StageReport> stages,
    EtlxException failure) {
  public RunReport {
    stages = List.copyOf(stages);
  }

  /** A run that failed before it started. */
  static RunReport notStarted(RunKey key, Instant at, EtlxException failure) {
    return new RunReport(key, null, at, at, List.of(), failure);
  }

  public boolean succeeded() {
    return failure == null;
  }
}
