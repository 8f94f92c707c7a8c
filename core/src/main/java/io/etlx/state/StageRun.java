package io.etlx.state;

import java.time.Instant;

/**
 * One execution of a stage (DESIGN.md §7): status, attempt, timings, row count, the spec fingerprint
 * and schema version it ran with, the checksum of the data it read and of the data it wrote, and the
 * error. {@code endedAt}, checksums and {@code error} may be null.
 */
public record StageRun(
    StageKey key,
    StageStatus status,
    int attempt,
    Instant startedAt,
    Instant endedAt,
    long rows,
    String specFingerprint,
    int schemaVersion,
    String inputChecksum,
    String outputChecksum,
    String error) {

  public StageRun finish(StageStatus newStatus, Instant at, long rowCount, String output, String message) {
    return new StageRun(
        key, newStatus, attempt, startedAt, at, rowCount, specFingerprint, schemaVersion, inputChecksum, output, message);
  }
}
