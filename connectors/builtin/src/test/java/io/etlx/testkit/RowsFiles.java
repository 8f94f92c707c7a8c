package io.etlx.testkit;

import io.etlx.raw.Codec;
import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Rows files as the transform writes them (zstd), for loader tests. */
public final class RowsFiles {
  private RowsFiles() {}

  public static void write(Path file, List<String> header, List<String[]> rows) {
    try {
      RowsFile.write(Codec.compress(Files.newOutputStream(file)), header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header and rows of a rows file, whichever codec wrote it. */
  public static List<String[]> read(Path file) {
    try {
      return RowsFile.read(Codec.decompress(Files.newInputStream(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
