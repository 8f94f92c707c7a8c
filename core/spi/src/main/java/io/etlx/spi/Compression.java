package io.etlx.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a stored file is compressed, told by its first bytes rather than its name (a downloaded copy
 * may be named anything): etlx writes zstd; files written by earlier versions are gzip.
 */
public enum Compression {
  GZIP(new byte[] {0x1f, (byte) 0x8b}),
  ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}),
  NONE(new byte[0]);

  /** Bytes enough to tell every codec apart. */
  public static final int MAGIC_BYTES = 4;

  private final byte[] magic;

  Compression(byte[] magic) {
    this.magic = magic;
  }

  /** The compression of {@code head}, the first {@link #MAGIC_BYTES} bytes of a file or fewer. */
  public static Compression of(byte[] head) {
    for (Compression c : values()) {
      if (c != NONE
          && head.length >= c.magic.length
          && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
        return c;
      }
    }
    return NONE;
  }

  public static Compression of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in.readNBytes(MAGIC_BYTES));
    }
  }
}
