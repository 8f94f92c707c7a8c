package io.etlx.engine;

/**
 * What a stage runs on, recorded with every attempt: the fingerprint of the spec parts it depends
 * on, the schema version, and the checksum of its input (the raw partition for transform, the rows
 * file for load, the load's id for notify). Any part may be null where a stage has none.
 */
record StageInputs(String specFingerprint, int schemaVersion, String inputChecksum) {}
