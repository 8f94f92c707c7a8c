package io.etlx.engine;

import io.etlx.state.StageContext;

/**
 * What a stage body produced: its row count, the checksum of what it wrote (may be null) and its
 * context.
 */
record StageOutcome(long rows, String outputChecksum, StageContext context) {
  StageOutcome(long rows, String outputChecksum) {
    this(rows, outputChecksum, StageContext.EMPTY);
  }
}
