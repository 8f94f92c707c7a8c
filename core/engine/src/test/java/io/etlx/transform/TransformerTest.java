package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.raw.Codec;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.ColumnType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformerTest {
  private static final LocalDate DAY = LocalDate.of(2020, 12, 1);
  @TempDir Path dir;

  private static ColumnSpec col(String name, ColumnSource source, String type, String format) {
    return new ColumnSpec(name, source, ColumnType.parse(type), format);
  }

  private static final TransformSpec SPEC =
      new TransformSpec(
          1,
          List.of(
              col("date", new ColumnSource.LogicalDate(), "date", null),
              col("code", new ColumnSource.Field("key"), "string", null),
              new ColumnSpec(
                  "rate",
                  new ColumnSource.Field("value"),
                  ColumnType.parse("decimal(18,6)"),
                  null,
                  RoundingMode.HALF_UP),
              col("n", new ColumnSource.Field("/meta/n", true), "integer", null),
              col("ok", new ColumnSource.Field("ok", true), "boolean", null),
              col("at", new ColumnSource.Field("at", true), "timestamp", null),
              col("day", new ColumnSource.Field("day", true), "date", "dd/MM/yyyy"),
              col("base", new ColumnSource.Literal("USD"), "string", null)),
          List.of());

  @Test
  void mapsRecordsToCanonicalTypedRows() throws IOException {
    TransformResult result =
        transform(
            "{\"key\":\"INR\",\"value\":73.1234567,\"meta\":{\"n\":7},\"ok\":\"yes\",\"at\":\"2020-12-01T10:00:00+01:00\",\"day\":\"01/12/2020\"}",
            "{\"key\":\"\",\"value\":\"1\",\"ok\":false,\"at\":\"2020-12-01"
                + " 08:30:00\",\"day\":null}");

    assertThat(result.rowCount()).isEqualTo(2);
    assertThat(rowsText(result.rows()))
        .isEqualTo(
            """
            date,code,rate,n,ok,at,day,base
            2020-12-01,INR,73.123457,7,true,2020-12-01 09:00:00.000000,2020-12-01,USD
            2020-12-01,"",1.000000,,false,2020-12-01 08:30:00.000000,,USD
            """);
  }

  @Test
  void aFieldNoRecordHasFailsTheTransformNamingWhatTheRecordsHave() {
    TransformSpec spec =
        new TransformSpec(
            1,
            List.of(
                col("code", new ColumnSource.Field("key"), "string", null),
                col("amount", new ColumnSource.Field("amount"), "decimal(10,2)", null)),
            List.of());

    assertThatThrownBy(
            () ->
                transform(
                    spec,
                    "{\"key\":\"A\",\" Amount\":\"1.00\"}",
                    "{\"key\":\"B\",\" Amount\":null}"))
        .isInstanceOfSatisfying(
            EtlxException.class,
            e -> assertThat(e.code()).isEqualTo(io.etlx.error.ErrorCode.MISSING_FIELD))
        .hasMessageContaining("column amount reads field 'amount' (did you mean ' Amount'?)")
        .hasMessageContaining("the records have: key,  Amount")
        .hasMessageContaining("optional: true");
  }

  @Test
  void anOptionalFieldMayBeAbsentFromEveryRecord() throws IOException {
    TransformSpec spec =
        new TransformSpec(
            1,
            List.of(
                col("code", new ColumnSource.Field("key"), "string", null),
                col("note", new ColumnSource.Field("note", true), "string", null)),
            List.of());

    assertThat(rowsText(transform(spec, "{\"key\":\"A\"}").rows())).isEqualTo("code,note\nA,\n");
  }

  @Test
  void sameRawAndSpecGiveTheSameBytes() throws IOException {
    String raw = "{\"key\":\"EUR\",\"value\":0.84}";
    assertThat(transform(raw).checksum()).isEqualTo(transform(raw).checksum());
  }

  @Test
  void badRowsAreCountedAndNamed() {
    assertThatThrownBy(
            () ->
                transform(
                    "{\"key\":\"A\",\"value\":\"abc\"}",
                    "{\"key\":\"B\",\"value\":1,\"meta\":{\"n\":3000000000}}",
                    "[1]",
                    "{\"key\":\"C\",\"value\":1,\"ok\":\"maybe\"}"))
        .isInstanceOf(EtlxException.class)
        .hasMessage(
            "transform of test: 4 record(s) do not fit the declared column types: "
                + "record 1: column 'rate': 'abc' is not a valid decimal(18,6); "
                + "record 2: column 'n': '3000000000' is out of range for integer; "
                + "record 3: not a JSON object; "
                + "record 4: column 'ok': 'maybe' is not a valid boolean"
                + " (fix the source data, then fetch it again with --re-extract; or fix the column"
                + " types in transform.columns)");
  }

  @Test
  void aTimestampFormatWithAnOffsetIsConvertedToUtc() throws IOException {
    TransformSpec spec =
        new TransformSpec(
            1,
            List.of(
                col("at", new ColumnSource.Field("at"), "timestamp", "yyyy-MM-dd'T'HH:mm:ssXXX")),
            List.of());
    Path out = Files.createTempFile(dir, "rows", ".csv.gz");
    TransformResult result =
        new Transformer(spec)
            .run(gzip("{\"at\":\"2020-12-01T10:00:00+02:00\"}"), DAY, out, "t", n -> {});
    assertThat(rowsText(result.rows())).isEqualTo("at\n2020-12-01 08:00:00.000000\n");
  }

  @Test
  void aSkippedLocalTimeAndAYearWarehousesCannotStoreAreBadRows() {
    TransformSpec spec =
        new TransformSpec(
            1,
            List.of(
                col(
                    "local",
                    new ColumnSource.Field("local"),
                    "timestamp",
                    "yyyy-MM-dd HH:mm:ss VV"),
                col("at", new ColumnSource.Field("at"), "timestamp", null)),
            List.of());
    assertThatThrownBy(
            () ->
                new Transformer(spec)
                    .run(
                        gzip(
                            "{\"local\":\"2021-03-14 02:30:00 America/New_York\"}",
                            "{\"at\":\"+10000-01-01T00:00:00Z\"}"),
                        DAY,
                        dir.resolve("r.gz"),
                        "t",
                        n -> {}))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ROW))
        .hasMessageContaining(
            "record 1: column 'local': '2021-03-14 02:30:00 America/New_York' is not a valid"
                + " timestamp: that local time does not exist in America/New_York")
        .hasMessageContaining(
            "record 2: column 'at': '+10000-01-01T00:00:00Z' is out of range for timestamp");
  }

  @Test
  void doublesOutOfRangeOrInJavaSyntaxAreBadRows() throws IOException {
    TransformSpec spec =
        new TransformSpec(
            1, List.of(col("x", new ColumnSource.Field("x"), "double", null)), List.of());
    assertThatThrownBy(
            () ->
                new Transformer(spec)
                    .run(
                        gzip("{\"x\":1e400}", "{\"x\":\"12f\"}", "{\"x\":\"0x1p3\"}"),
                        DAY,
                        dir.resolve("r.gz"),
                        "t",
                        n -> {}))
        .hasMessageContaining("3 record(s) do not fit")
        .hasMessageContaining(
            "record 1: column 'x': '1E+400' is out of range for double; record 2: column 'x': '12f'"
                + " is not a valid double; record 3: column 'x': '0x1p3' is not a valid double");
    TransformResult ok =
        new Transformer(spec)
            .run(
                gzip("{\"x\":-1.5e3}", "{\"x\":\"2.5E-3\"}"),
                DAY,
                Files.createTempFile(dir, "rows", ".csv.gz"),
                "t",
                n -> {});
    assertThat(rowsText(ok.rows())).isEqualTo("x\n-1500.0\n0.0025\n");
  }

  @Test
  void decimalTextKeepsItsTrailingZerosInStringColumns() throws IOException {
    TransformSpec spec =
        new TransformSpec(
            1, List.of(col("s", new ColumnSource.Field("x"), "string", null)), List.of());
    Path out = Files.createTempFile(dir, "rows", ".csv.gz");
    TransformResult result =
        new Transformer(spec).run(gzip("{\"x\":100.0}", "{\"x\":1.50}"), DAY, out, "t", n -> {});
    assertThat(rowsText(result.rows())).isEqualTo("s\n100.0\n1.50\n");
  }

  @Test
  void isoTimestampsTakeTheFastPathAndStillRejectImpossibleDates() throws IOException {
    TransformSpec spec =
        new TransformSpec(
            1, List.of(col("at", new ColumnSource.Field("at"), "timestamp", null)), List.of());
    Path out = Files.createTempFile(dir, "rows", ".csv.gz");
    TransformResult ok =
        new Transformer(spec)
            .run(
                gzip(
                    "{\"at\":\"2020-12-01T10:00:00.5\"}",
                    "{\"at\":\"2020-12-01 23:59:59\"}",
                    "{\"at\":\"2020-12-01 01:02:03.123456\"}"),
                DAY,
                out,
                "t",
                n -> {});
    assertThat(rowsText(ok.rows()))
        .isEqualTo(
            "at\n2020-12-01 10:00:00.500000\n2020-12-01 23:59:59.000000\n"
                + "2020-12-01 01:02:03.123456\n");
    assertThatThrownBy(
            () ->
                new Transformer(spec)
                    .run(
                        gzip(
                            "{\"at\":\"2020-02-30 10:00:00\"}", "{\"at\":\"2020-12-01 24:00:00\"}"),
                        DAY,
                        out,
                        "t",
                        n -> {}))
        .hasMessageContaining("2 record(s) do not fit")
        .hasMessageContaining(
            "record 1: column 'at': '2020-02-30 10:00:00' is not a valid timestamp");
  }

  @Test
  void hugeExponentsAreBadRowsNotAHang() {
    TransformSpec spec =
        new TransformSpec(
            1,
            List.of(
                col("x", new ColumnSource.Field("x"), "decimal(10,2)", null),
                col("n", new ColumnSource.Field("n"), "bigint", null)),
            List.of());
    assertThatThrownBy(
            () ->
                new Transformer(spec)
                    .run(
                        gzip("{\"x\":1e99999999,\"n\":1}", "{\"x\":1,\"n\":1e99999999}"),
                        DAY,
                        dir.resolve("r.gz"),
                        "t",
                        n -> {}))
        .hasMessageContaining(
            "record 1: column 'x': '1E+99999999' has too many digits for decimal(10,2)")
        .hasMessageContaining("record 2: column 'n': '1E+99999999' is out of range for bigint");
  }

  @Test
  void decimalOverflowIsABadRow() {
    TransformSpec small =
        new TransformSpec(
            1, List.of(col("x", new ColumnSource.Field("x"), "decimal(4,2)", null)), List.of());
    assertThatThrownBy(
            () ->
                new Transformer(small)
                    .run(gzip("{\"x\":123.4}"), DAY, dir.resolve("r.gz"), "t", n -> {}))
        .hasMessageContaining("'123.4' has too many digits for decimal(4,2)");
  }

  @Test
  void aDecimalWithMorePlacesThanItsScaleIsABadRowUnlessTheColumnRounds() throws IOException {
    ColumnType money = ColumnType.parse("decimal(10,2)");
    String raw = "{\"x\":1.005}";
    TransformSpec exact =
        new TransformSpec(
            1, List.of(new ColumnSpec("x", new ColumnSource.Field("x"), money, null)), List.of());
    assertThatThrownBy(
            () ->
                new Transformer(exact)
                    .run(gzip(raw, "{\"x\":\"2.500\"}"), DAY, dir.resolve("r.gz"), "t", n -> {}))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_ROW))
        .hasMessage(
            "t: 1 record(s) do not fit the declared column types: record 1: column 'x': '1.005' has"
                + " more than 2 decimal places for decimal(10,2): fix the source data, or let the"
                + " column round with 'round: half_up' (or half_even) (fix the source data, then"
                + " fetch it again with --re-extract; or fix the column types in"
                + " transform.columns)");

    TransformSpec rounding =
        new TransformSpec(
            1,
            List.of(
                new ColumnSpec(
                    "x", new ColumnSource.Field("x"), money, null, RoundingMode.HALF_UP)),
            List.of());
    TransformResult ok =
        new Transformer(rounding)
            .run(
                gzip(raw, "{\"x\":\"2.500\"}"),
                DAY,
                Files.createTempFile(dir, "rows", ".csv.gz"),
                "t",
                n -> {});
    assertThat(rowsText(ok.rows())).isEqualTo("x\n1.01\n2.50\n");
  }

  private TransformResult transform(String... records) throws IOException {
    return transform(SPEC, records);
  }

  private TransformResult transform(TransformSpec spec, String... records) throws IOException {
    Path out = Files.createTempFile(dir, "rows", ".csv.gz");
    return new Transformer(spec).run(compressed(records), DAY, out, "transform of test", n -> {});
  }

  private static InputStream compressed(String... lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = Codec.compress(bytes)) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static InputStream gzip(String... lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static String rowsText(Path file) throws IOException {
    try (InputStream in = Codec.decompress(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
