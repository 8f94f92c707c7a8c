package io.etlx.delta;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Row hashes spread over files by their key hash, so that one file at a time fits in memory: each
 * entry is the key hash, the row's 128-bit hash and (for the newer file) its row number.
 */
final class Buckets implements AutoCloseable {
  private final List<Path> files = new ArrayList<>();
  private final DataOutputStream[] out;
  private final boolean numbered;

  Buckets(int count, boolean numbered, RowsDelta.TempFiles temp) throws IOException {
    this.numbered = numbered;
    this.out = new DataOutputStream[count];
    try {
      for (int i = 0; i < count; i++) {
        Path file = temp.newFile("delta-", ".bucket");
        files.add(file);
        out[i] =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 15));
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  int count() {
    return out.length;
  }

  void add(long key, RowHash row, long number) throws IOException {
    DataOutputStream bucket = out[bucket(key)];
    bucket.writeLong(key);
    bucket.writeLong(row.h1());
    bucket.writeLong(row.h2());
    if (numbered) {
      bucket.writeLong(number);
    }
  }

  private int bucket(long key) {
    return (int) Long.remainderUnsigned(key, out.length);
  }

  /** Ends writing (before any {@link #read}). */
  void finish() throws IOException {
    for (DataOutputStream bucket : out) {
      bucket.close();
    }
  }

  /** How many entries bucket {@code i} holds. */
  int size(int i) throws IOException {
    return (int) (Files.size(files.get(i)) / (numbered ? 32 : 24));
  }

  DataInputStream read(int i) throws IOException {
    return new DataInputStream(
        new BufferedInputStream(Files.newInputStream(files.get(i)), 1 << 15));
  }

  /** Closes and deletes the files. */
  @Override
  public void close() {
    for (DataOutputStream bucket : out) {
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
