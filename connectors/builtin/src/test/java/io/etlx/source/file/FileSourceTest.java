package io.etlx.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.testkit.Records;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
  @TempDir Path project;

  @Test
  void csvKeepsQuotedDelimitersNewlinesQuotesUnicodeAndSpaces() throws IOException {
    write(
        "data/2020-12-05.csv",
        "id,name,note,quoted_empty,spaces\r\n"
            + "1,\"Smith, John\",\"line one\nline two\",\"\", x \r\n"
            + "2,Zoë 北京,,\"he said \"\"hi\"\"\",\"  y  \"\n");

    List<ObjectNode> records = extract("path: data/${date}.csv");

    assertThat(records)
        .extracting(Object::toString)
        .containsExactly(
            "{\"id\":\"1\",\"name\":\"Smith, John\",\"note\":\"line one\\n"
                + "line two\",\"quoted_empty\":\"\",\"spaces\":\" x \"}",
            "{\"id\":\"2\",\"name\":\"Zoë 北京\",\"note\":null,\"quoted_empty\":\"he said"
                + " \\\"hi\\\"\",\"spaces\":\"  y  \"}");
  }

  @Test
  void parquetRowsAreRecordsWithTheFormsEverySourceGives() throws Exception {
    java.nio.file.Files.createDirectories(project.resolve("data"));
    try (java.sql.Connection duckdb =
            new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
        java.sql.Statement s = duckdb.createStatement()) {
      s.execute(
          "COPY (SELECT 1::BIGINT AS id, 'a''b' AS name, 12.50::DECIMAL(12,2) AS amount,"
              + " TIMESTAMP '2020-12-05 10:00:00.5' AS at, DATE '2020-12-05' AS day,"
              + " NULL::VARCHAR AS note) TO '"
              + project.resolve("data/2020-12-05.parquet")
              + "' (FORMAT parquet)");
    }

    assertThat(extract("path: data/${date}.parquet"))
        .extracting(Object::toString)
        .containsExactly(
            "{\"id\":1,\"name\":\"a'b\",\"amount\":12.50,\"at\":\"2020-12-05"
                + " 10:00:00.500000\",\"day\":\"2020-12-05\",\"note\":null}");
    write("data/2020-12-06.parquet", "not parquet");
    assertThat(
            catchThrowable(
                () ->
                    new FileSourcePlugin()
                        .open(
                            spec("path: data/2020-12-06.parquet"),
                            PluginSetup.of(
                                project,
                                new Interpolator(LocalDate.of(2020, 12, 6), Map.of(), Map.of())))
                        .extract(record -> {})))
        .hasMessageContaining("data/2020-12-06.parquet is not a Parquet file");
  }

  @Test
  void csvWithAnotherDelimiterAndEncoding() throws IOException {
    Path file = project.resolve("data/2020-12-05.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "city;size\nMünchen;1,5\n", Charset.forName("ISO-8859-1"));

    List<ObjectNode> records =
        extract("path: data/${date}.txt\nformat: csv\ndelimiter: ';'\nencoding: ISO-8859-1");

    assertThat(records)
        .extracting(Object::toString)
        .containsExactly("{\"city\":\"München\",\"size\":\"1,5\"}");
  }

  @Test
  void csvWithAWrongFieldCountNamesThePhysicalLine() throws IOException {
    write("data/2020-12-05.csv", "a,b\n\"x\ny\",1\nx,1,2\n");

    EtlxException e = failure("path: data/${date}.csv");

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "line 4 of data/2020-12-05.csv has 3 fields but the header has 2;"
                + " check the delimiter and the quoting of that line");
  }

  @Test
  void csvThatIsNotUtf8IsGarbage() throws IOException {
    Path file = project.resolve("data/2020-12-05.csv");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {'a', '\n', (byte) 0xFC, '\n'});

    EtlxException e = failure("path: data/${date}.csv");

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "data/2020-12-05.csv is not valid UTF-8 text; set 'encoding' to the file's encoding");
  }

  @Test
  void ndjsonSkipsBlankLines() throws IOException {
    write("data/2020-12-05.jsonl", "{\"id\":1,\"amount\":10.50}\n\n  \n{\"id\":2}\n");

    assertThat(extract("path: data/${date}.jsonl"))
        .extracting(Object::toString)
        .containsExactly("{\"id\":1,\"amount\":10.50}", "{\"id\":2}");
  }

  @Test
  void aBadNdjsonLineIsGarbageWithItsLineNumber() throws IOException {
    write("data/2020-12-05.ndjson", "{\"id\":1}\n\n{\"id\":2\n");

    EtlxException e = failure("path: data/${date}.ndjson");

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .startsWith("line 3 of data/2020-12-05.ndjson is not valid JSON (")
        .endsWith("); each line must hold one JSON object");
  }

  @Test
  void anNdjsonLineThatIsNotAnObjectIsGarbage() throws IOException {
    write("data/2020-12-05.ndjson", "{\"id\":1}\n[1,2]\n");

    assertThat(failure("path: data/${date}.ndjson").getMessage())
        .isEqualTo(
            "line 2 of data/2020-12-05.ndjson is an array, not a JSON object; each line must hold"
                + " one JSON object");
  }

  @Test
  void jsonWithAPointer() throws IOException {
    write(
        "data/2020-12-05.json",
        "{\"meta\":{\"n\":2},\"data\":{\"orders\":[{\"id\":1},{\"id\":2}]}}");

    assertThat(extract("path: data/${date}.json\nrecords: /data/orders"))
        .extracting(Object::toString)
        .containsExactly("{\"id\":1}", "{\"id\":2}");
  }

  @Test
  void gzippedFilesAreDecompressed() throws IOException {
    gzip("data/2020-12-05.csv.gz", "id,name\n1,a\n2,b\n");
    gzip("data/2020-12-05.json.gz", "{\"rates\":{\"INR\":73.123456789}}");

    assertThat(extract("path: data/${date}.csv.gz")).hasSize(2);
    assertThat(extract("path: data/${date}.json.gz\nrecords: /rates"))
        .extracting(Object::toString)
        .containsExactly("{\"key\":\"INR\",\"value\":73.123456789}");
  }

  @Test
  void aTruncatedGzipFileIsGarbage() throws IOException {
    gzip("data/2020-12-05.csv.gz", "id,name\n1,a\n2,b\n");
    Path file = project.resolve("data/2020-12-05.csv.gz");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));

    EtlxException e = failure("path: data/${date}.csv.gz");

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage()).startsWith("data/2020-12-05.csv.gz is not a complete gzip file (");
  }

  @Test
  void aMissingFileIsRejectedNamingTheDate() {
    EtlxException e = failure("path: pipelines/samples/x/${date}.csv");

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo("no file for 2020-12-05: pipelines/samples/x/2020-12-05.csv does not exist");
  }

  @Test
  void aFileOutsideTheProjectIsShownAbsolute(@TempDir Path elsewhere) {
    Source source = open("path: " + elsewhere.resolve("${date}.csv"));

    assertThat(source.describe())
        .isEqualTo(elsewhere.toAbsolutePath().resolve("2020-12-05.csv").toString());
  }

  @Test
  void checkNamesTheOptionThatIsWrong() {
    FileSourcePlugin plugin = new FileSourcePlugin();

    assertThat(plugin.check(spec("path: data/${date}.txt")))
        .containsExactly(
            "format: cannot tell the format of 'data/${date}.txt' from its extension; set format:"
                + " csv, json, ndjson or parquet");
    assertThat(plugin.check(spec("path: data/${date}.csv\nrecords: /rates\nencoding: utf-9")))
        .containsExactly(
            "records: only applies to json files, and this one is csv; remove it",
            "encoding: unknown encoding 'utf-9'; use e.g. UTF-8 or ISO-8859-1");
    assertThat(plugin.check(spec("path: data/${date}.json\nrecords: rates")))
        .containsExactly("records: 'rates' is not a JSON pointer (did you mean '/rates'?)");
  }

  @Test
  void twoHundredThousandJsonRecordsAreStreamedOneByOne() throws IOException {
    Path file = project.resolve("data/2020-12-05.json");
    Files.createDirectories(file.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("{\"count\":200000,\"items\":[");
      for (int i = 0; i < 200_000; i++) {
        out.write(
            (i == 0 ? "" : ",")
                + "{\"id\":"
                + i
                + ",\"amount\":"
                + i
                + ".25,\"name\":\"item "
                + i
                + "\"}");
      }
      out.write("]}");
    }
    long[] count = {0};
    long[] lastId = {-1};

    open("path: data/${date}.json\nrecords: /items")
        .extract(
            Records.each(
                record -> {
                  count[0]++;
                  lastId[0] = record.get("id").asLong();
                }));

    assertThat(count[0]).isEqualTo(200_000);
    assertThat(lastId[0]).isEqualTo(199_999);
  }

  @Test
  void twoHundredThousandCsvRowsAreStreamedOneByOne() throws IOException {
    Path file = project.resolve("data/2020-12-05.csv");
    Files.createDirectories(file.getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("id,amount,name\n");
      for (int i = 0; i < 200_000; i++) {
        out.write(i + "," + i + ".25,\"item, " + i + "\"\n");
      }
    }
    long[] count = {0};
    String[] last = {null};

    open("path: data/${date}.csv")
        .extract(
            Records.each(
                record -> {
                  count[0]++;
                  last[0] = record.get("name").asText();
                }));

    assertThat(count[0]).isEqualTo(200_000);
    assertThat(last[0]).isEqualTo("item, 199999");
  }

  private void write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private void gzip(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static PluginOptions spec(String yaml) {
    return new PluginSpec("file", (YamlMap) YamlReader.parse(yaml, "test.yaml")).plain();
  }

  private Source open(String yaml) {
    Interpolator interpolator = new Interpolator(LocalDate.of(2020, 12, 5), Map.of(), Map.of());
    return new FileSourcePlugin().open(spec(yaml), PluginSetup.of(project, interpolator));
  }

  private List<ObjectNode> extract(String yaml) {
    List<ObjectNode> records = new ArrayList<>();
    open(yaml).extract(Records.into(records));
    return records;
  }

  private EtlxException failure(String yaml) {
    return (EtlxException) catchThrowable(() -> extract(yaml));
  }
}
