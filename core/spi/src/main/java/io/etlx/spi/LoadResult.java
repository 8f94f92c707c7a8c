package io.etlx.spi;

/**
 * What a load did. {@code alreadyLoaded} is true when the ledger showed the load had committed
 * before (then nothing was written); {@code loadId} is the id of the load the ledger now holds for
 * the date.
 */
public record LoadResult(
    long rowsStaged, long rowsWritten, long rowsDeleted, boolean alreadyLoaded, String loadId) {}
