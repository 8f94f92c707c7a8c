package io.etlx.engine;

/** What a stage body produced: its row count and the checksum of what it wrote (may be null). */
record StageOutcome(long rows, String outputChecksum) {}
