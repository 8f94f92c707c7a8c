package io.etlx.spec;

import io.etlx.spi.WriteMode;

/**
 * The target table. {@code schema} is null to use the environment's schema. {@code partitionColumn}
 * is set for {@code replace_partition} (default: the column mapped from the logical date),
 * otherwise null. {@code deleteMarker} is an optional boolean column whose {@code true} deletes the
 * key (upsert only).
 */
public record SinkSpec(
    String schema, String table, WriteMode mode, String partitionColumn, String deleteMarker) {}
