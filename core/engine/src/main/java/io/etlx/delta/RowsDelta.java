package io.etlx.delta;

import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The rows of a rows file that are not, as the very same line, in an earlier rows file of the same
 * table: what an upsert must write when the table holds the earlier file's rows. Lines are compared
 * by a 128-bit hash, in bounded memory: both files are read once (at the same time, one thread
 * each), their row hashes spread over bucket files by key, each bucket compared in memory, and the
 * changed rows copied from a second read of the newer file.
 *
 * <p>The comparison gives up — the caller then loads every row — when it cannot be sure: the older
 * file is not the one expected (its SHA-256 differs), the headers differ, or a key appears twice in
 * the newer file (a whole load reports that as a duplicate key; staging only some of those rows
 * could hide it). A key that appears twice in the older file makes its newer row count as changed.
 */
public final class RowsDelta {
  /** Rows per bucket: a bucket's map of older rows is then ~13 MB. */
  private static final long BUCKET_ROWS = 1 << 18;

  private RowsDelta() {}

  /** Where the comparison keeps its files (bucket files, the changed rows). */
  @FunctionalInterface
  public interface TempFiles {
    Path newFile(String prefix, String suffix) throws IOException;
  }

  /** What the comparison found. */
  public sealed interface Outcome {}

  /**
   * The changed rows, in {@code rows} (a rows file with the same header, compressed the same way;
   * the caller deletes it), and how many of the newer file's rows are unchanged.
   */
  public record Changed(Path rows, long changed, long unchanged) implements Outcome {}

  /** Every row is to be loaded, and why. */
  public record Whole(String why) implements Outcome {}

  /**
   * Compares {@code newer} with {@code older}.
   *
   * @param olderChecksum the SHA-256 the older file must have (of its bytes as stored)
   * @param key the key columns, by name
   * @param expectedRows about how many rows each file holds (sizes the buckets)
   */
  public static Outcome compare(
      Path older,
      String olderChecksum,
      Path newer,
      List<String> key,
      long expectedRows,
      TempFiles temp)
      throws IOException {
    int buckets = (int) Math.max(1, Math.min(4096, (expectedRows + BUCKET_ROWS - 1) / BUCKET_ROWS));
    try (Buckets olderRows = new Buckets(buckets, false, temp);
        Buckets newerRows = new Buckets(buckets, true, temp)) {
      FutureTask<Side> olderScan =
          new FutureTask<>(() -> scan(older, new Checksum(), key, olderRows));
      Thread thread = new Thread(olderScan, "etlx-delta");
      thread.setDaemon(true);
      thread.start();
      Side newerSide;
      try {
        newerSide = scan(newer, null, key, newerRows);
      } finally {
        join(thread);
      }
      Side olderSide = result(olderScan);
      if (!olderChecksum.equals(olderSide.checksum())) {
        return new Whole("the earlier load's rows file was replaced or damaged");
      }
      if (!olderSide.header().equals(newerSide.header())) {
        return new Whole("the earlier load's rows file has other columns");
      }
      if (newerSide.missingKey() != null) {
        return new Whole("the rows file has no column " + newerSide.missingKey());
      }
      long[] changed = new long[(int) ((newerSide.rows() + 63) >>> 6)];
      long count = 0;
      for (int b = 0; b < buckets; b++) {
        long found = compareBucket(olderRows, newerRows, b, changed);
        if (found < 0) {
          return new Whole("a key appears more than once in the rows file");
        }
        count += found;
      }
      if (count == newerSide.rows()) {
        return new Whole("every row changed");
      }
      Path rows = temp.newFile("changed-rows-", ".csv.zst");
      try {
        copyChanged(newer, changed, rows);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(rows);
        throw e;
      }
      return new Changed(rows, count, newerSide.rows() - count);
    }
  }

  /** The header, row count, checksum (when asked) and a missing key column, of one file. */
  private record Side(String header, long rows, String checksum, String missingKey) {}

  private static Side scan(Path file, Checksum checksum, List<String> key, Buckets out)
      throws IOException {
    InputStream stored = Files.newInputStream(file);
    DigestInputStream digested = checksum == null ? null : checksum.wrap(stored);
    try (InputStream text = Codec.decompress(digested == null ? stored : digested)) {
      RowsScanner rows = new RowsScanner(text);
      if (!rows.next()) {
        return new Side("", 0, null, null);
      }
      String header = rows.text();
      List<String> columns = Arrays.asList(header.split(",", -1));
      boolean[] keyFields = new boolean[columns.size()];
      for (String column : key) {
        int at = columns.indexOf(column);
        if (at < 0) {
          return new Side(header, 0, null, column);
        }
        keyFields[at] = true;
      }
      rows.keyFields(keyFields);
      RowHash hash = new RowHash();
      long number = 0;
      while (rows.next()) {
        out.add(rows.keyHash(), rows.hashRecord(hash), number++);
      }
      out.finish();
      if (digested != null) {
        digested.transferTo(OutputStream.nullOutputStream()); // any bytes after the last frame
      }
      return new Side(header, number, checksum == null ? null : checksum.hex(), null);
    }
  }

  /**
   * Marks the changed rows of bucket {@code b} in {@code changed}; returns how many, or -1 when a
   * key appears twice among the newer rows.
   */
  private static long compareBucket(Buckets older, Buckets newer, int b, long[] changed)
      throws IOException {
    OlderRows known = new OlderRows(older.size(b));
    try (DataInputStream in = older.read(b)) {
      for (int i = older.size(b); i > 0; i--) {
        known.add(in.readLong(), in.readLong(), in.readLong());
      }
    }
    KeySet seen = new KeySet(newer.size(b));
    long count = 0;
    try (DataInputStream in = newer.read(b)) {
      for (int i = newer.size(b); i > 0; i--) {
        long key = in.readLong();
        long h1 = in.readLong();
        long h2 = in.readLong();
        long number = in.readLong();
        if (!seen.add(key)) {
          return -1;
        }
        if (!known.holds(key, h1, h2)) {
          changed[(int) (number >>> 6)] |= 1L << number;
          count++;
        }
      }
    }
    return count;
  }

  private static void copyChanged(Path newer, long[] changed, Path out) throws IOException {
    try (InputStream text = Codec.decompress(Files.newInputStream(newer));
        OutputStream rows = Codec.compress(Files.newOutputStream(out))) {
      RowsScanner scanner = new RowsScanner(text);
      if (scanner.next()) {
        scanner.writeTo(rows); // the header
      }
      long number = 0;
      while (scanner.next()) {
        if ((changed[(int) (number >>> 6)] & (1L << number)) != 0) {
          scanner.writeTo(rows);
        }
        number++;
      }
    }
  }

  private static void join(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Side result(FutureTask<Side> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new UncheckedIOException(new IOException(e.getCause()));
    }
  }
}
