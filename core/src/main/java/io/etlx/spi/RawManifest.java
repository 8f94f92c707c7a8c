package io.etlx.spi;

import java.time.Instant;

/**
 * What is known about a raw partition: the request that produced it (secrets redacted), when it was
 * fetched, the SHA-256 of its records, how many there are, and the schema version it was extracted
 * under.
 */
public record RawManifest(
    String pipeline,
    String date,
    String request,
    Instant fetchedAt,
    String checksum,
    long records,
    int schemaVersion) {}
