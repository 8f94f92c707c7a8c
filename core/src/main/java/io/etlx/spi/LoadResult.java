package io.etlx.spi;

/** What a load did. {@code alreadyLoaded} is true when the ledger showed this exact load had committed. */
public record LoadResult(long rowsStaged, long rowsWritten, long rowsDeleted, boolean alreadyLoaded) {}
