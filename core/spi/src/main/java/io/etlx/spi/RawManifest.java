package io.etlx.spi;

import java.time.Instant;

/**
 * What is known about a raw partition: the request that produced it (secrets redacted), when it was
 * fetched, the SHA-256 of its records (of their uncompressed bytes), how many there are, the schema
 * version it was extracted under, the state an incremental source saved after it (null for most
 * sources), and how the records are stored.
 */
public record RawManifest(
    String pipeline,
    String date,
    String request,
    Instant fetchedAt,
    String checksum,
    long records,
    int schemaVersion,
    String sourceState,
    RawFormat format) {}
