package io.etlx.spec;

/**
 * One output column. {@code format} is the pattern used to parse dates and timestamps from text (null:
 * ISO-8601).
 */
public record ColumnSpec(String name, ColumnSource source, ColumnType type, String format) {}
