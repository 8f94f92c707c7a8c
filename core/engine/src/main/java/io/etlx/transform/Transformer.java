package io.etlx.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.RawFormat;
import io.etlx.spi.RecordSink;
import io.etlx.spi.RowsFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Raw records → typed rows, streaming: reads the partition's NDJSON record by record (a CSV
 * partition goes to {@link CsvTransform}) and writes the compressed CSV rows file. Same raw data
 * and same spec give the same bytes. Every bad record is counted; the first few are named in the
 * error.
 */
public final class Transformer {
  /**
   * The error for a batch with bad rows: how many, the first few named (by record, or by line of a
   * CSV file), and the way out.
   */
  static EtlxException badRows(String what, long badCount, List<String> examples) {
    return new EtlxException(
        ErrorCode.BAD_ROW,
        what
            + ": "
            + badCount
            + " record(s) do not fit the declared column types: "
            + String.join("; ", examples)
            + (badCount > examples.size() ? "; …" : "")
            + " (fix the source data, then fetch it again with --re-extract; or fix the column"
            + " types in transform.columns)");
  }

  private static final int EXAMPLES = 5;

  /**
   * Floats as exact BigDecimals with their trailing zeros: a decimal column sees the digits as
   * written.
   */
  static final ObjectMapper JSON =
      // twice the sources' limit for one value: whatever was extracted can be read back (JSON
      // escapes
      // may make a value's text longer than the value)
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(2 * RecordSink.MAX_VALUE_CHARS)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final TransformSpec spec;

  public Transformer(TransformSpec spec) {
    this.spec = spec;
  }

  /**
   * @param raw the partition's records (compressed NDJSON); closed by this method
   * @param progress receives the running record count now and then
   */
  public TransformResult run(
      InputStream raw, LocalDate date, Path target, String what, LongConsumer progress) {
    return run(raw, date, spec.version(), target, what, progress);
  }

  /**
   * @param rawVersion the schema version the partition was extracted under; older records are
   *     upgraded through the spec's rules before mapping
   */
  public TransformResult run(
      InputStream raw,
      LocalDate date,
      int rawVersion,
      Path target,
      String what,
      LongConsumer progress) {
    return run(raw, null, date, rawVersion, target, what, progress);
  }

  /**
   * Starts converting a CSV source's chunks as the extract copies them (records extracted now are
   * of the spec's version), into {@code target}.
   */
  public EarlyTransform early(LocalDate date, char delimiter, Path target) {
    return new EarlyTransform(spec, date, delimiter, target);
  }

  /**
   * Transforms a raw partition, read as its format says: records one by one (NDJSON) or a CSV
   * source's bytes (in parallel).
   *
   * @param raw the partition's records as stored (compressed); closed by this method
   */
  public TransformResult run(
      InputStream raw,
      RawFormat format,
      String expectedChecksum,
      LocalDate date,
      int rawVersion,
      Path target,
      String what,
      LongConsumer progress) {
    if (format.kind() == RawFormat.Kind.CSV) {
      return new CsvTransform(spec, date, rawVersion, format.delimiter(), what)
          .run(raw, expectedChecksum, target, progress);
    }
    return run(raw, expectedChecksum, date, rawVersion, target, what, progress);
  }

  /**
   * @param expectedChecksum the SHA-256 the raw partition's manifest records for its records (null:
   *     not checked); the records are verified against it as they are read, and a mismatch — a raw
   *     copy replaced, truncated or damaged since it was extracted — fails the transform
   */
  public TransformResult run(
      InputStream raw,
      String expectedChecksum,
      LocalDate date,
      int rawVersion,
      Path target,
      String what,
      LongConsumer progress) {
    RowMapper mapper = new RowMapper(spec, date, rawVersion);
    RecordUpgrader upgrader = new RecordUpgrader(spec.rawUpgrades(), rawVersion, spec.version());
    FieldsSeen fields = new FieldsSeen();
    List<String> bad = new ArrayList<>();
    long badCount = 0;
    long rows = 0;
    Checksum checksum = new Checksum();
    Checksum rawChecksum = new Checksum();
    try (InputStream in = rawChecksum.wrap(Codec.decompress(raw));
        MappingIterator<JsonNode> records = JSON.readerFor(JsonNode.class).readValues(in);
        DigestOutputStream file = checksum.wrap(Files.newOutputStream(target));
        OutputStream compressed = Codec.compress(file);
        RowsFile.Writer writer = new RowsFile.Writer(compressed, spec.columnNames())) {
      long index = 0;
      while (records.hasNextValue()) {
        JsonNode record = records.nextValue();
        index++;
        try {
          if (!(record instanceof ObjectNode object)) {
            throw new BadValueException("not a JSON object");
          }
          ObjectNode upgraded = upgrader.isIdentity() ? object : upgrader.upgrade(object);
          fields.add(upgraded);
          writer.write(mapper.map(upgraded));
          rows++;
        } catch (BadValueException e) {
          if (badCount++ < EXAMPLES) {
            bad.add("record " + index + ": " + e.getMessage());
          }
        }
        if ((index & 0xFFFF) == 0) {
          progress.accept(index);
        }
      }
    } catch (StreamConstraintsException e) {
      throw new EtlxException(
          ErrorCode.BAD_ROW,
          what
              + ": a raw record holds a value larger than etlx reads ("
              + e.getOriginalMessage()
              + "); fix the source data, then fetch it again with --re-extract",
          e);
    } catch (JsonProcessingException e) {
      throw RawIntegrity.damaged(what, e);
    } catch (IOException e) {
      if (Codec.damaged(e)) {
        throw RawIntegrity.damaged(what, e);
      }
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED, what + ": cannot read raw records: " + e.getMessage(), e);
    }
    RawIntegrity.check(what, expectedChecksum, rawChecksum.hex());
    if (rows + badCount > 0) {
      fields.checkFound(what, spec, mapper, rawVersion);
    }
    if (badCount > 0) {
      throw badRows(what, badCount, bad);
    }
    return new TransformResult(target, rows, checksum.hex());
  }
}
