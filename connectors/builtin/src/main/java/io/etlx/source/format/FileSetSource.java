package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import io.etlx.spi.Source;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * CSV files must share their header: the raw copy is the first file whole and the others without
 * their header line.
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
    }
    return text.append(')').toString();
  }

  @Override
  public void extract(RecordSink records) {
    seen.clear();
    for (FileSource file : files) {
      file.extract(records);
      seen.add(file.shown() + " " + checksum(file));
    }
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

  @Override
  public Optional<CsvBytes> csvBytes() {
    if (files.isEmpty()) {
      return Optional.empty();
    }
    List<CsvBytes> parts = new ArrayList<>();
    for (FileSource file : files) {
      Optional<CsvBytes> bytes = file.csvBytes();
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      parts.add(bytes.get());
    }
    CsvBytes first = parts.get(0);
    return Optional.of(
        new CsvBytes() {
          @Override
          public char delimiter() {
            return first.delimiter();
          }

          @Override
          public InputStream open() {
            seen.clear();
            return new SequenceInputStream(Collections.enumeration(lazyParts(parts)));
          }

          @Override
          public RuntimeException failure(IOException e) {
            return first.failure(e);
          }
        });
  }

  /**
   * Each file's bytes in turn: the first whole, the next ones after their header (checked to be the
   * first file's), each ended by a line break.
   */
  private List<InputStream> lazyParts(List<CsvBytes> parts) {
    List<InputStream> streams = new ArrayList<>();
    byte[][] header = new byte[1][];
    for (int i = 0; i < parts.size(); i++) {
      int index = i;
      CsvBytes part = parts.get(i);
      streams.add(
          new LazyStream(
              part,
              () -> {
                FileSource file = files.get(index);
                DigestInputStream digest = new DigestInputStream(file.rawBytes(), sha256());
                InputStream text = file.decoded(digest);
                PushbackInputStream in = new PushbackInputStream(text, 1);
                byte[] first = headerLine(in);
                if (index == 0) {
                  header[0] = first;
                } else if (!sameHeader(header[0], first)) {
                  throw new EtlxException(
                      ErrorCode.SOURCE_GARBAGE,
                      file.shown()
                          + " has the header '"
                          + line(first)
                          + "' but "
                          + files.get(0).shown()
                          + " has '"
                          + line(header[0])
                          + "'; every file of a date must have the same columns");
                }
                InputStream body =
                    index == 0
                        ? new SequenceInputStream(new java.io.ByteArrayInputStream(first), in)
                        : in;
                return new Terminated(
                    body, part, () -> seen.add(file.shown() + " " + done(digest, file)));
              }));
    }
    return streams;
  }

  private static String done(DigestInputStream digest, FileSource file) {
    long size;
    try {
      size = java.nio.file.Files.size(file.path());
    } catch (IOException e) {
      size = -1;
    }
    return describe(digest.getMessageDigest(), size);
  }

  private static String describe(MessageDigest digest, long size) {
    return "sha256:" + HexFormat.of().formatHex(digest.digest()) + " " + size + " bytes";
  }

  /** The first line, its line break included (a header has no quoted line breaks). */
  private static byte[] headerLine(PushbackInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      line.write(b);
      if (b == '\n') {
        break;
      }
      if (b == '\r') {
        int next = in.read();
        if (next == '\n') {
          line.write(next);
        } else if (next >= 0) {
          in.unread(next);
        }
        break;
      }
    }
    return line.toByteArray();
  }

  private static boolean sameHeader(byte[] a, byte[] b) {
    return line(a).equals(line(b));
  }

  /** A header line without its line break and an Excel byte order mark. */
  private static String line(byte[] header) {
    String text = new String(header, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens a file only when the sequence reaches it, so one file at a time is open; a failure to
   * open it is reported as that file's.
   */
  private static final class LazyStream extends InputStream {
    interface Opener {
      InputStream open() throws IOException;
    }

    private final CsvBytes part;
    private final Opener opener;
    private InputStream in;

    LazyStream(CsvBytes part, Opener opener) {
      this.part = part;
      this.opener = opener;
    }

    private InputStream in() {
      if (in == null) {
        try {
          in = opener.open();
        } catch (IOException e) {
          throw part.failure(e);
        }
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in().read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      }
    }
  }

  /**
   * A file's text, ended by a line break when its last line has none (so the next file's rows start
   * on a line of their own), reporting its end once.
   */
  private static final class Terminated extends InputStream {
    private final InputStream in;
    private final CsvBytes part;
    private final Runnable atEnd;
    private int last = '\n';
    private boolean ended;

    Terminated(InputStream in, CsvBytes part, Runnable atEnd) {
      this.in = in;
      this.part = part;
      this.atEnd = atEnd;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended) {
        return -1;
      }
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        throw part.failure(e); // named as this file's, not the first one's
      }
      if (n > 0) {
        last = b[off + n - 1];
        return n;
      }
      if (n == 0) {
        return 0;
      }
      ended = true;
      atEnd.run();
      if (last != '\n' && last != '\r') {
        b[off] = '\n';
        return 1;
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
