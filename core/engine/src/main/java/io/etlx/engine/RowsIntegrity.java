package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rows file is loaded only if it is the one its transform wrote: its SHA-256 (of the file as
 * stored) must be the transform's recorded checksum. Rows files written before that rule carry the
 * checksum of their uncompressed text, which is accepted too.
 */
final class RowsIntegrity {
  private RowsIntegrity() {}

  static void check(String what, Path file, String expected) {
    if (expected == null) {
      return;
    }
    try {
      if (expected.equals(Checksum.of(file)) || expected.equals(uncompressed(file))) {
        return;
      }
    } catch (IOException e) {
      // unreadable as gzip: damaged, like a mismatch
    }
    throw new EtlxException(
        ErrorCode.CORRUPT_DATA,
        what
            + ": the rows file "
            + file.getFileName()
            + " is not the one the transform wrote (its checksum differs): it was replaced or"
            + " damaged; write it again with --from-stage transform");
  }

  private static String uncompressed(Path file) throws IOException {
    Checksum checksum = new Checksum();
    try (InputStream in = checksum.wrap(Codec.decompress(Files.newInputStream(file)))) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return checksum.hex();
  }
}
