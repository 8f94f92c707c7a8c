package io.etlx.raw;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip at level 1: raw partitions and rows files are written once and read a few times, so
 * compression speed matters more than the last few percent of size (level 6 is ~3× slower on the
 * benchmark rows).
 */
public final class FastGzip extends GZIPOutputStream {
  public FastGzip(OutputStream out) throws IOException {
    super(out, 1 << 16);
    def.setLevel(Deflater.BEST_SPEED);
  }
}
