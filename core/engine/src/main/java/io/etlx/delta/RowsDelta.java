package io.etlx.delta;

import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a rows file that are not, as the very same line, in an earlier rows file of the same
 * table: what an upsert must write when the table holds the earlier file's rows. Lines are compared
 * by a 128-bit hash, in bounded memory: both files are read once (at the same time, one thread
 * each), their row hashes spread over bucket files by key, the buckets compared in memory (two
 * threads, a bucket at a time each), and the changed rows copied from a second read of the newer
 * file.
 *
 * <p>The comparison gives up — the caller then loads every row — when it cannot be sure: the older
 * file is not the one expected (its SHA-256 differs), the headers differ, or a key appears twice in
 * the newer file (a whole load reports that as a duplicate key; staging only some of those rows
 * could hide it). A key that appears twice in the older file makes its newer row count as changed.
 */
public final class RowsDelta {
  /** Rows per bucket: a bucket's map of older rows is then ~6.5 MB (one per thread, reused). */
  private static final long BUCKET_ROWS = 1 << 17;

  /** Open bucket files per side (each with a 32 KB buffer while written). */
  private static final int MAX_BUCKETS = 256;

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
    int buckets =
        (int) Math.max(1, Math.min(MAX_BUCKETS, (expectedRows + BUCKET_ROWS - 1) / BUCKET_ROWS));
    try (Buckets olderRows = new Buckets(buckets, false, temp);
        Buckets newerRows = new Buckets(buckets, true, temp)) {
      Background<Side> olderScan =
          Background.start(() -> scan(older, new Checksum(), key, olderRows));
      Side newerSide;
      try {
        newerSide = scan(newer, null, key, newerRows);
      } finally {
        olderScan.join();
      }
      Side olderSide = olderScan.result();
      if (newerSide.missingKey() != null) {
        return new Whole("the rows file has no column " + newerSide.missingKey());
      }
      if (olderSide.missingKey() != null || !olderSide.header().equals(newerSide.header())) {
        return new Whole("the earlier load's rows file has other columns");
      }
      if (!olderChecksum.equals(olderSide.checksum())) {
        return new Whole("the earlier load's rows file was replaced or damaged");
      }
      if (newerSide.rows() == 0) {
        return new Whole("the rows file has no rows");
      }
      int words = (int) ((newerSide.rows() + 63) >>> 6);
      Background<Marks> odd =
          Background.start(() -> Marks.of(olderRows, newerRows, 1, 2, new long[words]));
      Marks even;
      try {
        even = Marks.of(olderRows, newerRows, 0, 2, new long[words]);
      } finally {
        odd.join();
      }
      Marks changed = even.union(odd.result());
      if (changed.keyTwice()) {
        return new Whole("a key appears more than once in the rows file");
      }
      if (changed.count() == newerSide.rows()) {
        return new Whole("every row changed");
      }
      Path rows = temp.newFile("changed-rows-", ".csv.zst");
      try {
        copyChanged(newer, changed.rows(), rows);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(rows);
        throw e;
      }
      return new Changed(rows, changed.count(), newerSide.rows() - changed.count());
    }
  }

  /** The header, row count, checksum (when asked) and a missing key column, of one file. */
  private record Side(String header, long rows, String checksum, String missingKey) {}

  private static Side scan(Path file, Checksum checksum, List<String> key, Buckets out)
      throws IOException {
    InputStream stored = Files.newInputStream(file);
    DigestInputStream digested = checksum == null ? null : checksum.wrap(stored);
    InputStream text;
    try {
      text = Codec.decompress(digested == null ? stored : digested);
    } catch (IOException | RuntimeException e) {
      stored.close();
      throw e;
    }
    try (text) {
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

  /** Which newer rows changed (a bit per row number), how many, and whether a key came twice. */
  private record Marks(long[] rows, long count, boolean keyTwice) {
    /** Compares buckets {@code first}, {@code first + step}, …, marking into {@code rows}. */
    static Marks of(Buckets older, Buckets newer, int first, int step, long[] rows)
        throws IOException {
      long count = 0;
      Buckets.Entries olderBucket = new Buckets.Entries();
      Buckets.Entries newerBucket = new Buckets.Entries();
      OlderRows known = new OlderRows();
      KeySet seen = new KeySet();
      for (int b = first; b < newer.count(); b += step) {
        older.read(b, olderBucket);
        byte[] olderEntries = olderBucket.bytes;
        known.clear(olderBucket.length / older.entry());
        for (int at = 0; at < olderBucket.length; at += older.entry()) {
          known.add(
              (long) Buckets.LONGS.get(olderEntries, at),
              (long) Buckets.LONGS.get(olderEntries, at + 8),
              (long) Buckets.LONGS.get(olderEntries, at + 16));
        }
        newer.read(b, newerBucket);
        byte[] newerEntries = newerBucket.bytes;
        seen.clear(newerBucket.length / newer.entry());
        for (int at = 0; at < newerBucket.length; at += newer.entry()) {
          long key = (long) Buckets.LONGS.get(newerEntries, at);
          if (!seen.add(key)) {
            return new Marks(rows, count, true);
          }
          if (!known.holds(
              key,
              (long) Buckets.LONGS.get(newerEntries, at + 8),
              (long) Buckets.LONGS.get(newerEntries, at + 16))) {
            long number = (long) Buckets.LONGS.get(newerEntries, at + 24);
            rows[(int) (number >>> 6)] |= 1L << number;
            count++;
          }
        }
      }
      return new Marks(rows, count, false);
    }

    Marks union(Marks other) {
      for (int i = 0; i < rows.length; i++) {
        rows[i] |= other.rows[i];
      }
      return new Marks(rows, count + other.count, keyTwice || other.keyTwice);
    }
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
}
