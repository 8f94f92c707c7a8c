package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import io.etlx.spi.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The files a glob matched for one logical date ({@code exports/${date}/part-*.csv.gz}), read in
 * the order of their names as one source. Each file's SHA-256 and size (of its bytes as stored) are
 * part of {@link #describe()}, so the raw manifest names exactly which files made the partition.
 * CSV files must have the same columns (a part with another header would load NULLs); empty files
 * (a part written without rows) are skipped.
 */
public final class FileSetSource implements Source {
  private final String pattern;
  private final List<FileSource> files;
  private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param pattern the glob as errors and the manifest show it
   * @param files the matches, in name order (may be empty)
   */
  public FileSetSource(String pattern, List<FileSource> files) {
    this.pattern = pattern;
    this.files = List.copyOf(files);
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder(pattern).append(" (").append(files.size());
    text.append(files.size() == 1 ? " file" : " files");
    if (!seen.isEmpty()) {
      text.append(": ").append(String.join(", ", seen));
    } else if (files.isEmpty()) {
      text.append(" match");
    } else if (files.size() == 1) {
      text.append(": ").append(files.get(0).shown());
    }
    return text.append(')').toString();
  }

  @Override
  public void extract(RecordSink records) {
    seen.clear();
    List<String> header = null;
    FileSource first = null;
    for (FileSource file : files) {
      if (empty(file)) {
        seen.add(file.shown() + " (empty)"); // e.g. a part a Spark job wrote without rows
        continue;
      }
      if (file.format() == FileFormat.CSV) {
        List<String> names = file.csvHeader();
        if (header == null) {
          header = names;
          first = file;
        } else if (!sorted(names).equals(sorted(header))) {
          throw new EtlxException(
              ErrorCode.SOURCE_GARBAGE,
              file.shown()
                  + " has the columns "
                  + names
                  + " but "
                  + first.shown()
                  + " has "
                  + header
                  + "; every file of a date must have the same columns");
        }
      }
      file.extract(records);
      seen.add(file.shown() + " " + checksum(file));
    }
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }

  /** The checksum of a file read through records (the CSV path digests as it copies). */
  private static String checksum(FileSource file) {
    try (InputStream in = new DigestInputStream(file.rawBytes(), sha256())) {
      byte[] buffer = new byte[1 << 16];
      long size = 0;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        size += n;
      }
      return describe(((DigestInputStream) in).getMessageDigest(), size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One file is read as a file is; several through their records (the byte copy of one CSV file
   * could not tell where one part ends and the next begins, so their lines and errors would be the
   * set's, not the file's).
   */
  @Override
  public Optional<CsvBytes> csvBytes() {
    return files.size() == 1 && !empty(files.get(0)) ? files.get(0).csvBytes() : Optional.empty();
  }

  private static boolean empty(FileSource file) {
    try {
      return Files.size(file.path()) == 0;
    } catch (IOException e) {
      return false; // reading it will say what is wrong
    }
  }

  private static String describe(MessageDigest digest, long size) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest()) + " " + size + " bytes";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
