package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.csv.CsvChunks;
import io.etlx.csv.CsvCopy;
import io.etlx.csv.CsvParser;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.RawUpgrade;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.RawFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CSV source's bytes kept as its raw copy must give the very rows the same file read as records
 * gives: the parallel CSV path is checked against the record path on the same data.
 */
class CsvTransformTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static ColumnSpec col(String name, ColumnSource source, String type) {
    return new ColumnSpec(name, source, ColumnType.parse(type), null);
  }

  private static final TransformSpec SPEC =
      new TransformSpec(
          1,
          List.of(
              col("day", new ColumnSource.LogicalDate(), "date"),
              col("id", new ColumnSource.Field("id"), "bigint"),
              col("name", new ColumnSource.Field("name"), "string"),
              col("price", new ColumnSource.Field("price"), "decimal(12,2)"),
              col("at", new ColumnSource.Field("at"), "timestamp"),
              col("ok", new ColumnSource.Field("ok"), "boolean"),
              col("note", new ColumnSource.Field("note", true), "string"),
              col("source", new ColumnSource.Literal("shop"), "string")),
          List.of());

  @Test
  void severalChunksInParallelGiveTheRowsOfTheRecordPath() throws IOException {
    // many chunks, whose arrays (input and output) the pipeline reuses as the chunks are converted
    String csv = randomCsv(new Random(11), 200_000);
    assertThat(csv.length()).isGreaterThan(8 * CsvChunks.BLOCK);

    Result fromCsv = csvPath(SPEC, csv, 1);
    Result fromRecords = recordPath(SPEC, csv, 1);

    assertThat(fromCsv.rows).isEqualTo(200_000);
    assertThat(fromCsv.text).isEqualTo(fromRecords.text);
    assertThat(csvPath(SPEC, csv, 1).checksum).isEqualTo(fromCsv.checksum);
  }

  @Test
  void theEarlyTransformOfTheExtractsChunksWritesTheSameRowsFile() throws IOException {
    String csv = randomCsv(new Random(5), 150_000);
    Result regular = csvPath(SPEC, csv, 1);

    Path target = Files.createTempFile(dir, "early", ".csv.zst");
    try (EarlyTransform early = new Transformer(SPEC).early(DAY, ',', target)) {
      copy(csv, early);
      TransformResult result = early.finish().orElseThrow();
      assertThat(result.checksum()).isEqualTo(regular.checksum);
      assertThat(result.rowCount()).isEqualTo(150_000);
      assertThat(text(target)).isEqualTo(regular.text);
    }
  }

  @Test
  void theEarlyTransformStandsAsideOnWhatTheTransformStageMustReport() throws IOException {
    for (String csv :
        List.of(
            "id,name,price,at,ok\n1,a,abc,2026-11-30 10:00:00,true\n", // a bad value
            "id,Name,price,at,ok\n1,a,1,2026-11-30 10:00:00,true\n")) { // a missing field
      Path target = Files.createTempFile(dir, "early", ".csv.zst");
      try (EarlyTransform early = new Transformer(SPEC).early(DAY, ',', target)) {
        copy(csv, early);
        assertThat(early.finish()).as(csv).isEmpty();
      }
    }
  }

  private static void copy(String csv, EarlyTransform early) throws IOException {
    CsvCopy.copy(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        OutputStream.nullOutputStream(),
        ',',
        "t",
        n -> {},
        early::accept);
  }

  @Test
  void rawUpgradesActOnTheHeaderAsOnEveryRecord() throws IOException {
    TransformSpec v3 =
        new TransformSpec(
            3,
            List.of(
                col("id", new ColumnSource.Field("id"), "bigint"),
                col("label", new ColumnSource.Field("label"), "string"),
                col("currency", new ColumnSource.Field("currency"), "string"),
                col("gone", new ColumnSource.Field("old", true), "string")),
            List.of(),
            List.of(
                new RawUpgrade(1, Map.of("name", "title"), Map.of(), List.of()),
                new RawUpgrade(
                    2, Map.of("title", "label"), Map.of("currency", "EUR"), List.of("old"))));
    String v1 = "id,name,old\n1,apple,x\n2,,y\n";

    Result fromCsv = csvPath(v3, v1, 1);
    assertThat(fromCsv.text).isEqualTo(recordPath(v3, v1, 1).text);
    assertThat(fromCsv.text).isEqualTo("id,label,currency,gone\n1,apple,EUR,\n2,,EUR,\n");

    // a version-2 file already says 'title' and is renamed once
    String v2 = "id,title,old,currency\n3,pear,z,USD\n";
    assertThat(csvPath(v3, v2, 2).text).isEqualTo("id,label,currency,gone\n3,pear,USD,\n");
  }

  @Test
  void badValuesNameTheirLineInTheFile() {
    String csv =
        "id,name,price,at,ok\n"
            + "1,a,1.00,2026-11-30 10:00:00,true\n\n"
            + "2,b,abc,2026-11-30 10:00:00,false\n"
            + "3,c,1,not a time,true\n";
    assertThatThrownBy(() -> csvPath(SPEC, csv, 1))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ROW))
        .hasMessageContaining("2 record(s) do not fit the declared column types")
        .hasMessageContaining("line 4: column 'price': 'abc' is not a valid decimal(12,2)")
        .hasMessageContaining("line 5: column 'at'");
  }

  @Test
  void aMissingFieldIsReportedAsOnTheRecordPath() {
    String csv = "id,Name,price,at,ok\n1,a,1.00,2026-11-30 10:00:00,true\n";
    assertThatThrownBy(() -> csvPath(SPEC, csv, 1))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD))
        .hasMessageContaining("column name reads field 'name' (did you mean 'Name'?)");
  }

  @Test
  void emptyLinesFillingTheFirstChunkComeBeforeTheHeader() throws IOException {
    String csv = "\n".repeat(5 << 20) + "id,name,price,at,ok\n1,a,1.00,2026-11-30 10:00:00,true\n";
    Result result = csvPath(SPEC, csv, 1);
    assertThat(result.rows).isEqualTo(1);
    assertThat(result.text).isEqualTo(recordPath(SPEC, csv, 1).text);
  }

  @Test
  void anEmptyCopyOrAHeaderAloneHasNoRows() throws IOException {
    assertThat(csvPath(SPEC, "", 1).text).isEqualTo("day,id,name,price,at,ok,note,source\n");
    assertThat(csvPath(SPEC, "id,name,price,at,ok\n", 1).rows).isZero();
  }

  @Test
  void aCopyThatNoLongerMatchesItsChecksumOrParseIsDamaged() throws IOException {
    String csv = "id,name,price,at,ok\n1,a,1.00,2026-11-30 10:00:00,true\n";
    Path out = dir.resolve("rows");
    assertThatThrownBy(
            () ->
                new Transformer(SPEC)
                    .run(
                        compressed(csv),
                        RawFormat.csv(','),
                        "00" + "ab".repeat(31),
                        DAY,
                        1,
                        out,
                        "t",
                        n -> {}))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA));
    String garbage = "id,name,price,at,ok\n\"1,a\n";
    assertThatThrownBy(() -> csvPath(SPEC, garbage, 1))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPT_DATA));
  }

  private record Result(String text, long rows, String checksum) {}

  private Result csvPath(TransformSpec spec, String csv, int rawVersion) throws IOException {
    Checksum raw = new Checksum();
    raw.wrap(OutputStream.nullOutputStream()).write(csv.getBytes(StandardCharsets.UTF_8));
    Path out = Files.createTempFile(dir, "rows", ".csv.zst");
    TransformResult result =
        new Transformer(spec)
            .run(
                compressed(csv), RawFormat.csv(','), raw.hex(), DAY, rawVersion, out, "t", n -> {});
    return new Result(text(out), result.rowCount(), result.checksum());
  }

  /** The same file as the file source reads it: one record per row, header name → text. */
  private Result recordPath(TransformSpec spec, String csv, int rawVersion) throws IOException {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    CsvParser parser = new CsvParser(bytes, 0, bytes.length, true, ',', 1, "t");
    StringBuilder ndjson = new StringBuilder();
    List<String> header = null;
    while (parser.next()) {
      if (header == null) {
        header = new java.util.ArrayList<>();
        for (int i = 0; i < parser.fields(); i++) {
          header.add(parser.text(i));
        }
        continue;
      }
      Map<String, String> record = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        record.put(header.get(i), parser.text(i));
      }
      ndjson.append(JSON.writeValueAsString(record)).append('\n');
    }
    Path out = Files.createTempFile(dir, "rows", ".csv.zst");
    TransformResult result =
        new Transformer(spec)
            .run(
                compressed(ndjson.toString()),
                RawFormat.NDJSON,
                null,
                DAY,
                rawVersion,
                out,
                "t",
                n -> {});
    return new Result(text(out), result.rowCount(), result.checksum());
  }

  private static InputStream compressed(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = Codec.compress(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static String text(Path rows) throws IOException {
    try (InputStream in = Codec.decompress(Files.newInputStream(rows))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Order-items-like rows with quoted text, nulls, empty strings and the odd blank line. */
  private static String randomCsv(Random random, int rows) {
    String[] names = {
      "apple",
      "\"quoted, name\"",
      "\"two\nlines\"",
      "\"\"",
      "",
      "naïve 日本",
      "x\"\"y",
      "5\" tv",
      "\"pear\"", // quoted without needing it
      "\" padded\"",
      "\"back\\slash\""
    };
    StringBuilder text = new StringBuilder("id,name,price,at,ok,note\r\n");
    for (int r = 0; r < rows; r++) {
      String name = names[random.nextInt(names.length)];
      if (name.contains("\"\"") && !name.startsWith("\"")) {
        name = "\"" + name + "\"";
      }
      text.append(r)
          .append(',')
          .append(name)
          .append(',')
          .append(random.nextInt(100_000) / 100.0)
          .append(',')
          .append("2026-11-")
          .append(10 + random.nextInt(20))
          .append(' ')
          .append(
              String.format(
                  "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60)))
          .append(',')
          .append(random.nextBoolean())
          .append(',')
          .append(random.nextInt(4) == 0 ? "" : "n" + random.nextInt(10))
          .append(random.nextInt(2) == 0 ? "\n" : "\r\n");
      if (random.nextInt(1000) == 0) {
        text.append('\n');
      }
    }
    return text.toString();
  }
}
