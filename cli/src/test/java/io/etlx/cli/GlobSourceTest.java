package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file source whose path is a glob: every part of a date, in name order, as one partition. */
class GlobSourceTest {
  private static final String HEADER =
      "order_item_id,order_id,item_name,amount,currency_code,ordered_at\n";

  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "glob");

  @Test
  void everyPartOfADateIsLoadedAndNamedInTheManifest() throws IOException {
    project("exports/${date}/part-*.csv*");
    Path day = Files.createDirectories(dir.resolve("exports/2020-12-01"));
    Files.writeString(
        day.resolve("part-0001.csv"),
        HEADER + "1,10,a,1.00,EUR,2020-12-01 10:00:00"); // no final newline
    gzip(day.resolve("part-0002.csv.gz"), HEADER + "2,10,\"b, c\",2.00,EUR,2020-12-01 11:00:00\n");
    Files.writeString(day.resolve("notes.txt"), "not a part");
    Files.writeString(day.resolve("part-0003.csv"), ""); // a part written without rows

    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(query("select order_item_id, item_name from ${schema}.order_items order by 1"))
        .isEqualTo("order_item_id,item_name\n1,a\n2,\"b, c\"\n");
    assertThat(dir.resolve(".etlx/raw/order_items/2020-12-01/manifest.json"))
        .content()
        .contains(
            "exports/2020-12-01/part-*.csv* (3 files: exports/2020-12-01/part-0001.csv sha256:",
            "exports/2020-12-01/part-0002.csv.gz sha256:",
            "exports/2020-12-01/part-0003.csv (empty)");
  }

  @Test
  void partsWithAnotherHeaderAreRefusedNamingTheFile() throws IOException {
    project("exports/${date}/part-*.csv");
    Path day = Files.createDirectories(dir.resolve("exports/2020-12-01"));
    Files.writeString(day.resolve("part-1.csv"), HEADER + "1,10,a,1.00,EUR,2020-12-01 10:00:00\n");
    Files.writeString(
        day.resolve("part-2.csv"),
        HEADER.replace("amount", "amt") + "2,10,b,2.00,EUR,2020-12-01 11:00:00\n");

    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.err())
        .contains(
            "exports/2020-12-01/part-2.csv has the columns",
            "every file of a date must have the same columns");
  }

  @Test
  void noMatchIsAnEmptySourceUnlessAllowed() throws IOException {
    project("exports/${date}/part-*.csv");

    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    // the parts may not have arrived yet: as for any empty source, a later rerun is safe
    assertThat(run.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(run.err())
        .contains("no records", "exports/2020-12-01/part-*.csv (0 files match)", "allow_empty");

    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec).replace("  format: csv\n", "  format: csv\n  allow_empty: true\n"));
    CliRun allowed = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");
    assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
  }

  @Test
  void ndjsonPartsAreReadRecordByRecord() throws IOException {
    project("exports/${date}/*.ndjson");
    Path day = Files.createDirectories(dir.resolve("exports/2020-12-01"));
    String record =
        "{\"order_item_id\":%d,\"order_id\":1,\"item_name\":\"x\",\"amount\":\"1.00\","
            + "\"currency_code\":\"EUR\",\"ordered_at\":\"2020-12-01 10:00:00\"}\n";
    Files.writeString(day.resolve("b.ndjson"), record.formatted(2));
    Files.writeString(day.resolve("a.ndjson"), record.formatted(1) + record.formatted(3));

    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(query("select count(*) as n from ${schema}.order_items")).isEqualTo("n\n3\n");
    assertThat(dir.resolve(".etlx/raw/order_items/2020-12-01/manifest.json"))
        .content()
        .contains(
            "(2 files: exports/2020-12-01/a.ndjson sha256:", " bytes, exports/2020-12-01/b.ndjson");
  }

  private void project(String path) throws IOException {
    ShippedFiles.copyInto(dir);
    Path spec = dir.resolve("pipelines/order_items.yaml");
    String format = path.endsWith(".ndjson") ? "ndjson" : "csv";
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  path: \"pipelines/samples/order_items/${date}.csv\"\n  format: csv",
                "  path: \"" + path + "\"\n  format: " + format));
  }

  private static void gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private String query(String sql) {
    return etlx("query", "--env", "dev", sql).out();
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
