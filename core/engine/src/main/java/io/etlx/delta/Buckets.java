package io.etlx.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Row hashes spread over files by their key hash, so that one file at a time fits in memory: each
 * entry is the key hash, the row's 128-bit hash and (for the newer file) its row number, as
 * little-endian longs.
 */
final class Buckets implements AutoCloseable {
  static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int BUFFER = 1 << 15;

  private final List<Path> files = new ArrayList<>();
  private final OutputStream[] out;
  private final byte[][] buffers;
  private final int[] filled;
  private final int entry;

  Buckets(int count, boolean numbered, RowsDelta.TempFiles temp) throws IOException {
    this.entry = numbered ? 32 : 24;
    this.out = new OutputStream[count];
    this.buffers = new byte[count][];
    this.filled = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        Path file = temp.newFile("delta-", ".bucket");
        files.add(file);
        out[i] = Files.newOutputStream(file);
        buffers[i] = new byte[BUFFER - BUFFER % entry];
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Bytes per entry: 24, or 32 with row numbers. */
  int entry() {
    return entry;
  }

  void add(long key, RowHash row, long number) throws IOException {
    int bucket = (int) Long.remainderUnsigned(key, out.length);
    byte[] buffer = buffers[bucket];
    int at = filled[bucket];
    if (at == buffer.length) {
      out[bucket].write(buffer, 0, at);
      at = 0;
    }
    LONGS.set(buffer, at, key);
    LONGS.set(buffer, at + 8, row.h1());
    LONGS.set(buffer, at + 16, row.h2());
    if (entry == 32) {
      LONGS.set(buffer, at + 24, number);
    }
    filled[bucket] = at + entry;
  }

  /** Ends writing (before any {@link #read}). */
  void finish() throws IOException {
    for (int i = 0; i < out.length; i++) {
      out[i].write(buffers[i], 0, filled[i]);
      out[i].close();
      buffers[i] = null;
    }
  }

  int count() {
    return out.length;
  }

  /** A bucket's entries, {@code bytes[0, length)}: read into the same array bucket after bucket. */
  static final class Entries {
    byte[] bytes = new byte[0];
    int length;
  }

  /** Reads bucket {@code i}'s entries, {@link #entry()} bytes each, into {@code into}. */
  void read(int i, Entries into) throws IOException {
    Path file = files.get(i);
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 8) {
      throw new IOException(file + ": a bucket of " + size + " bytes is more than an array holds");
    }
    if (size > into.bytes.length) {
      into.bytes = new byte[(int) size];
    }
    try (InputStream in = Files.newInputStream(file)) {
      into.length = in.readNBytes(into.bytes, 0, (int) size);
    }
  }

  /** Closes and deletes the files. */
  @Override
  public void close() {
    for (OutputStream bucket : out) {
      try {
        if (bucket != null) {
          bucket.close();
        }
      } catch (IOException e) {
        // deleted below either way
      }
    }
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a file left in the work folder goes with it
      }
    }
  }
}
