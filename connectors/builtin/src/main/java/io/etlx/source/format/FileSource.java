package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import io.etlx.spi.Source;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One local file for one logical date, streamed record by record.
 *
 * @param shown the file as errors and the manifest name it: relative to the project when inside it,
 *     with secrets left as {@code ${NAME}}
 * @param date the logical date, for "no file for …" errors
 * @param pointer json only: where the records are (empty: the whole document)
 */
public record FileSource(
    Path path,
    String shown,
    String date,
    FileFormat format,
    String pointer,
    char delimiter,
    Charset charset)
    implements Source {
  private static final int BUFFER = 64 * 1024;

  @Override
  public String describe() {
    return shown;
  }

  @Override
  public void extract(RecordSink records) {
    if (format == FileFormat.PARQUET) {
      if (!Files.isRegularFile(path)) {
        throw failure(new NoSuchFileException(path.toString()));
      }
      ParquetRecords.read(path, shown, records);
      return;
    }
    try (InputStream in = open()) {
      switch (format) {
        case CSV -> new CsvRecords(delimiter, shown).read(reader(in), records);
        case NDJSON -> new NdjsonRecords(shown).read(reader(in), PlainRecords.to(records));
        case JSON -> new JsonRecords(pointer, shown).read(in, charset, PlainRecords.to(records));
      }
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** A UTF-8 CSV file is kept as it is: its bytes are already the raw copy. */
  @Override
  public Optional<CsvBytes> csvBytes() {
    // the bytes are cut at the delimiter's byte: only an ASCII one is a character of its own
    boolean asciiDelimiter =
        delimiter < 0x80 && delimiter != '"' && delimiter != '\r' && delimiter != '\n';
    if (format != FileFormat.CSV || !charset.equals(StandardCharsets.UTF_8) || !asciiDelimiter) {
      return Optional.empty();
    }
    return Optional.of(
        new CsvBytes() {
          @Override
          public char delimiter() {
            return delimiter;
          }

          @Override
          public InputStream open() throws IOException {
            try {
              return FileSource.this.open();
            } catch (IOException e) {
              throw failure(e);
            }
          }

          @Override
          public RuntimeException failure(IOException e) {
            return FileSource.this.failure(e);
          }
        });
  }

  private EtlxException failure(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new EtlxException(
          ErrorCode.SOURCE_REJECTED, "no file for " + date + ": " + shown + " does not exist");
    }
    if (e instanceof AccessDeniedException) {
      return new EtlxException(
          ErrorCode.SOURCE_REJECTED,
          "cannot read " + shown + ": permission denied; let the user running etlx read it",
          e);
    }
    if (e instanceof CharacterCodingException) {
      return new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          shown
              + " is not valid "
              + charset.name()
              + " text; set 'encoding' to the file's encoding",
          e);
    }
    if (FileFormat.zstd(path.getFileName().toString())
        && e.getClass().getName().startsWith("com.github.luben.zstd")) {
      return new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          shown + " is not a complete zstd file (" + e.getMessage() + "); write it again",
          e);
    }
    if ((e instanceof ZipException || e instanceof EOFException) && gzipped()) {
      return new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          shown + " is not a complete gzip file (" + e.getMessage() + "); write it again",
          e);
    }
    return new EtlxException(
        ErrorCode.SOURCE_UNAVAILABLE,
        "cannot read " + shown + " (" + e.getMessage() + "); a rerun later is safe",
        e);
  }

  private boolean gzipped() {
    return FileFormat.gzipped(path.getFileName().toString());
  }

  /** A CSV file's column names (an Excel byte order mark dropped); empty for an empty file. */
  List<String> csvHeader() {
    try (InputStream in = open()) {
      return CsvRecords.header(new CsvReader(reader(in), delimiter, shown));
    } catch (IOException e) {
      throw failure(e);
    }
  }

  private InputStream open() throws IOException {
    return decoded(rawBytes());
  }

  /** The file's bytes as stored (compressed or not). */
  InputStream rawBytes() throws IOException {
    if (Files.isDirectory(path)) {
      throw new EtlxException(
          ErrorCode.SOURCE_REJECTED,
          shown + " is a directory, not a file; point 'path' at one file per date");
    }
    return new BufferedInputStream(Files.newInputStream(path), BUFFER);
  }

  /** The bytes of the file's text: {@code raw} decompressed when the file is gzipped. */
  InputStream decoded(InputStream raw) throws IOException {
    if (FileFormat.zstd(path.getFileName().toString())) {
      try {
        return new BufferedInputStream(new com.github.luben.zstd.ZstdInputStream(raw), BUFFER);
      } catch (IOException e) {
        raw.close();
        throw e;
      }
    }
    if (!gzipped()) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, BUFFER);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /** Strict: a wrong encoding fails rather than turning characters into '?' in the warehouse. */
  private Reader reader(InputStream in) {
    var decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new InputStreamReader(in, decoder);
  }
}
