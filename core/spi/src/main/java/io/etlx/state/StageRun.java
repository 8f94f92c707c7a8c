package io.etlx.state;

import java.time.Instant;

/**
 * One execution of a stage: status, attempt, timings, row count, the spec fingerprint and schema
 * version it ran with, the checksum of the data it read and of the data it wrote, the error, and
 * its typed context for later attempts. {@code endedAt}, checksums and {@code error} may be null;
 * {@code context} never is.
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
    String error,
    StageContext context) {

  public StageRun {
    context = context == null ? StageContext.EMPTY : context;
  }

  public StageRun finish(
      StageStatus newStatus,
      Instant at,
      long rowCount,
      String output,
      String message,
      StageContext newContext) {
    return new StageRun(
        key,
        newStatus,
        attempt,
        startedAt,
        at,
        rowCount,
        specFingerprint,
        schemaVersion,
        inputChecksum,
        output,
        message,
        newContext);
  }
}
