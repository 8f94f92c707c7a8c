package io.etlx.transform;

import java.nio.file.Path;

/** The rows file a transform wrote, its row count and the SHA-256 of its (uncompressed) content. */
public record TransformResult(Path rows, long rowCount, String checksum) {}
