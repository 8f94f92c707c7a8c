package io.etlx.transform;

import io.etlx.csv.Buffers;
import io.etlx.csv.CsvChunks;
import io.etlx.csv.CsvHeader;
import io.etlx.csv.CsvParser;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.RawUpgrade;
import io.etlx.spec.TransformSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Raw CSV (a CSV source's own bytes) → typed rows, in parallel: the stream is cut into chunks of
 * whole rows, each converted on a worker thread, and the converted chunks are written in order, so
 * the rows file is the same bytes whatever the number of threads. The header is read once and every
 * column resolved to a field position (after the raw upgrade rules, which for CSV only rename, add
 * or drop header names); a bad value names its line in the file.
 */
final class CsvTransform {
  private static final int EXAMPLES = 5;

  private final TransformSpec spec;
  private final LocalDate date;
  private final int rawVersion;
  private final char delimiter;
  private final String what;

  CsvTransform(TransformSpec spec, LocalDate date, int rawVersion, char delimiter, String what) {
    this.spec = spec;
    this.date = date;
    this.rawVersion = rawVersion;
    this.delimiter = delimiter;
    this.what = what;
  }

  TransformResult run(
      InputStream raw, String expectedChecksum, Path target, LongConsumer progress) {
    Checksum rawChecksum = new Checksum();
    TransformResult result;
    try (InputStream in = rawChecksum.wrap(Codec.decompress(raw));
        Pipeline pipeline = new Pipeline(target, progress)) {
      CsvChunks chunks = new CsvChunks(in, delimiter, what, null);
      for (CsvChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
        pipeline.add(chunk);
      }
      pipeline.drain();
      RawIntegrity.check(what, expectedChecksum, rawChecksum.hex());
      result = pipeline.finish();
    } catch (IOException e) {
      if (Codec.damaged(e)) {
        throw RawIntegrity.damaged(what, e);
      }
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED, what + ": cannot read raw records: " + e.getMessage(), e);
    } catch (EtlxException e) {
      if (e.code() == ErrorCode.SOURCE_GARBAGE) {
        // the extract checked these bytes: a raw copy that no longer parses was damaged since
        throw RawIntegrity.damaged(what, e);
      }
      throw e;
    }
    return result;
  }

  /**
   * Converts chunks as they come (from the raw copy, or from the source while the extract copies
   * it) on worker threads, writing the converted chunks in order to {@code target}.
   */
  Pipeline pipeline(Path target, LongConsumer progress) throws IOException {
    return new Pipeline(target, progress);
  }

  /** Chunks in, the rows file out; {@link #finish()} when every chunk was added. */
  final class Pipeline implements AutoCloseable {
    private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Chunks converted ahead of the writer: two per thread, but no more than the heap holds (a
     * chunk in flight takes a block of input and ~1.5 blocks of output; four times that is left for
     * the rest).
     */
    private final int ahead =
        (int)
            Math.max(
                2,
                Math.min(threads * 2L, Runtime.getRuntime().maxMemory() / (10L * CsvChunks.BLOCK)));

    /** The converted chunks' arrays, reused (a chunk's output is ~1.5× its input). */
    private final Buffers outputs =
        new Buffers(CsvChunks.BLOCK + CsvChunks.BLOCK / 2, ahead + threads + 1);

    private final ExecutorService workers =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "etlx-transform");
              thread.setDaemon(true);
              return thread;
            });
    private final Checksum checksum = new Checksum();
    private final DigestOutputStream file;
    private final OutputStream out;
    private final Path target;
    private final LongConsumer progress;
    private final Outcome outcome = new Outcome();
    private final Deque<Future<Converted>> pending = new ArrayDeque<>();
    private Columns columns;
    private boolean closed;

    private Pipeline(Path target, LongConsumer progress) throws IOException {
      this.target = target;
      this.progress = progress;
      this.file = checksum.wrap(Files.newOutputStream(target));
      this.out = Codec.compress(file);
      out.write(RowBytes.header(spec.columnNames()));
    }

    /** Hands a chunk of whole rows to a worker; the first chunk starts with the header. */
    void add(CsvChunks.Chunk chunk) throws IOException {
      boolean first = columns == null;
      if (first && chunk.rows() == 0) {
        return; // only empty lines before the header: nothing to convert, and no header yet
      }
      if (first) {
        columns = columns(chunk);
        outcome.fields.addAll(columns.names);
      }
      Columns plan = columns;
      pending.add(workers.submit(() -> convert(chunk, plan, first, outputs)));
      while (pending.size() > ahead) {
        write(take(pending));
      }
    }

    /** Waits for the chunks handed out and writes them. */
    void drain() throws IOException {
      while (!pending.isEmpty()) {
        write(take(pending));
      }
    }

    private void write(Converted chunk) throws IOException {
      outcome.add(chunk, out, progress);
      outputs.give(chunk.rows().buffer());
    }

    /** The rows file, once every chunk is added: or the error its rows or fields call for. */
    TransformResult finish() throws IOException {
      drain();
      close();
      if (columns != null) {
        columns.markFound(outcome.mapper);
      }
      if (outcome.rows + outcome.badCount > 0) {
        outcome.fields.checkFound(what, spec, outcome.mapper, rawVersion);
      }
      if (outcome.badCount > 0) {
        throw Transformer.badRows(what, outcome.badCount, outcome.bad);
      }
      return new TransformResult(target, outcome.rows, checksum.hex());
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      workers.shutdownNow();
      try (OutputStream closing = file) {
        out.close();
      }
    }
  }

  private static Converted take(Deque<Future<Converted>> pending) {
    try {
      return pending.poll().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(ErrorCode.INTERNAL, "interrupted while transforming", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** What the chunks added up to, in order. */
  private final class Outcome {
    final FieldsSeen fields = new FieldsSeen();
    final RowMapper mapper = new RowMapper(spec, date, rawVersion);
    final List<String> bad = new ArrayList<>();
    long badCount;
    long rows;

    void add(Converted chunk, OutputStream out, LongConsumer progress) throws IOException {
      chunk.rows().writeTo(out);
      rows += chunk.count();
      for (String example : chunk.bad()) {
        if (bad.size() < EXAMPLES) {
          bad.add(example);
        }
      }
      badCount += chunk.badCount();
      progress.accept(rows + badCount);
    }
  }

  /** A converted chunk: its rows' bytes, how many, and its bad rows (a few named). */
  private record Converted(RowBytes rows, long count, long badCount, List<String> bad) {}

  /** Converts a chunk's rows into an array of {@code outputs}, then gives the chunk back. */
  private Converted convert(
      CsvChunks.Chunk chunk, Columns columns, boolean skipHeader, Buffers outputs) {
    RowMapper mapper = new RowMapper(spec, date, rawVersion);
    CsvParser parser =
        new CsvParser(chunk.data(), 0, chunk.length(), true, delimiter, chunk.firstLine(), what);
    RowBytes out = new RowBytes(outputs.take(chunk.length() + chunk.length() / 2));
    List<String> bad = new ArrayList<>();
    long count = 0;
    long badCount = 0;
    String[] texts = new String[columns.sources.length];
    int[] direct = columns.direct(mapper);
    if (skipHeader) {
      parser.next();
    }
    while (parser.next()) {
      if (parser.fields() != columns.header.size()) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "line "
                + parser.rowLine()
                + " has "
                + parser.fields()
                + " fields but the header has "
                + columns.header.size());
      }
      columns.texts(parser, texts, direct);
      try {
        out.row(mapper.mapTexts(texts), parser, direct);
        count++;
      } catch (BadValueException e) {
        if (badCount++ < EXAMPLES) {
          bad.add("line " + parser.rowLine() + ": " + e.getMessage());
        }
      }
    }
    chunk.release();
    return new Converted(out, count, badCount, bad);
  }

  /** Reads the header (the chunk's first row) and resolves every column against it. */
  private Columns columns(CsvChunks.Chunk chunk) {
    CsvParser parser =
        new CsvParser(chunk.data(), 0, chunk.length(), true, delimiter, chunk.firstLine(), what);
    if (!parser.next()) {
      return new Columns(List.of(), spec, date, Map.of());
    }
    List<String> header = CsvHeader.names(parser, what);
    // a CSV record has every header field, so the raw rules act on the header once
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      fields.put(header.get(i), i);
    }
    List<RawUpgrade> steps =
        spec.rawUpgrades().stream()
            .filter(r -> r.from() >= rawVersion && r.from() < spec.version())
            .sorted(Comparator.comparingInt(RawUpgrade::from))
            .toList();
    for (RawUpgrade rule : steps) {
      rule.rename()
          .forEach(
              (oldName, newName) -> {
                if (fields.containsKey(oldName) && !fields.containsKey(newName)) {
                  fields.put(newName, fields.remove(oldName));
                }
              });
      rule.defaults().forEach((name, value) -> fields.putIfAbsent(name, new Constant(value)));
      rule.drop().forEach(fields::remove);
    }
    return new Columns(header, spec, date, fields);
  }

  /** A field an upgrade added with a default: the same text (or null) on every row. */
  private record Constant(String text) {}

  /** Where each column's text comes from in a row of this file. */
  private static final class Columns {
    final List<String> header;
    final List<String> names;

    /** Per column: an Integer field position, a String constant, or null (no value). */
    final Object[] sources;

    final boolean[] found;

    Columns(List<String> header, TransformSpec spec, LocalDate date, Map<String, Object> fields) {
      this.header = header;
      this.names = List.copyOf(fields.keySet());
      List<ColumnSpec> columns = spec.columns();
      this.sources = new Object[columns.size()];
      this.found = new boolean[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        ColumnSource source = columns.get(i).source();
        if (source instanceof ColumnSource.Field field) {
          Object slot = fields.get(fieldName(field.name()));
          found[i] = slot != null;
          sources[i] = slot instanceof Constant constant ? constant.text() : slot;
        } else if (source instanceof ColumnSource.Literal literal) {
          sources[i] = literal.text();
        } else {
          sources[i] = date.toString();
        }
      }
    }

    /**
     * A field's name in a flat record: a JSON pointer {@code /name} reads the field {@code name}; a
     * deeper pointer reads nothing in CSV.
     */
    private static String fieldName(String name) {
      if (!name.startsWith("/")) {
        return name;
      }
      String rest = name.substring(1);
      return rest.contains("/") ? null : rest.replace("~1", "/").replace("~0", "~");
    }

    /** The texts to convert; a column copied as it is ({@code direct[i] >= 0}) gets none. */
    void texts(CsvParser row, String[] texts, int[] direct) {
      for (int i = 0; i < sources.length; i++) {
        Object source = sources[i];
        texts[i] =
            direct[i] >= 0
                ? null
                : source instanceof Integer position ? row.text(position) : (String) source;
      }
    }

    /**
     * Per column, the field whose text is copied as it is into the rows (a string column read from
     * a field, when no upgrade fills columns), or -1.
     */
    int[] direct(RowMapper mapper) {
      int[] direct = new int[sources.length];
      for (int i = 0; i < sources.length; i++) {
        direct[i] = sources[i] instanceof Integer position && mapper.passesText(i) ? position : -1;
      }
      return direct;
    }

    void markFound(RowMapper mapper) {
      for (int i = 0; i < found.length; i++) {
        mapper.found(i, found[i]);
      }
    }
  }
}
