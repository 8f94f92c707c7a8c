package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files the byte path must read exactly as the record path does, or leave to it. */
class CsvEdgeCasesTest {
  private static final String HEADER =
      "order_item_id,order_id,item_name,amount,currency_code,ordered_at\n";

  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "edge");

  @Test
  void aNonAsciiDelimiterIsACharacterNotAByte() throws IOException {
    Path project = project(dir, "data/${date}.csv\"\n  delimiter: \"¶");
    Files.createDirectories(project.resolve("data"));
    // ö is C3 B6 in UTF-8, and ¶ is C2 B6: cut at the byte 0xB6, Köln would split
    Files.writeString(
        project.resolve("data/2020-12-01.csv"),
        HEADER.replace(',', '¶') + "1¶10¶Köln¶1.00¶EUR¶2020-12-01 10:00:00\n");

    CliRun run = etlx(project, "run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(
            etlx(project, "query", "--env", "dev", "select item_name from ${schema}.order_items")
                .out())
        .isEqualTo("item_name\nKöln\n");
  }

  @Test
  void emptyLinesBeforeTheHeaderAreLayoutOnBothPaths() throws IOException {
    Path project = project(dir, "data/${date}.csv");
    Files.createDirectories(project.resolve("data"));
    Files.writeString(
        project.resolve("data/2020-12-01.csv"),
        "\n\n" + HEADER + "1,10,a,1.00,EUR,2020-12-01 10:00:00\n");

    CliRun run = etlx(project, "run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("load       ran               1");
  }

  @Test
  void aProjectFolderNamedWithBracketsIsANameNotAPattern() throws IOException {
    Path project = project(dir.resolve("analytics[eu]"), "exports/${date}/part-*.csv");
    Path day = Files.createDirectories(project.resolve("exports/2020-12-01"));
    Files.writeString(day.resolve("part-1.csv"), HEADER + "1,10,a,1.00,EUR,2020-12-01 10:00:00\n");

    CliRun run = etlx(project, "run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("extract    ran               1");
  }

  @Test
  void aZstdCompressedFileIsReadLikeAGzippedOne() throws IOException {
    Path project = project(dir, "data/${date}.csv.zst");
    Files.createDirectories(project.resolve("data"));
    try (var out =
        new com.github.luben.zstd.ZstdOutputStream(
            Files.newOutputStream(project.resolve("data/2020-12-01.csv.zst")))) {
      out.write(
          (HEADER + "1,10,a,1.00,EUR,2020-12-01 10:00:00\n")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    CliRun run = etlx(project, "run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("load       ran               1");
  }

  @Test
  void anUnclosedQuoteFailsTheExtractNamingItNotTheMemory() throws IOException {
    Path project = project(dir, "data/${date}.csv");
    Files.createDirectories(project.resolve("data"));
    try (var out = Files.newBufferedWriter(project.resolve("data/2020-12-01.csv"))) {
      out.write(HEADER + "1,10,\"never closed,1.00,EUR,2020-12-01 10:00:00\n");
      String line = "x".repeat(1023) + "\n";
      for (int i = 0; i < 17 * 1024; i++) { // 17 MiB inside the open quote
        out.write(line);
      }
    }

    CliRun run = etlx(project, "run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.err()).contains("line 2", "quote").doesNotContain("memory");
  }

  private static Path project(Path project, String path) throws IOException {
    Files.createDirectories(project);
    ShippedFiles.copyInto(project);
    Path spec = project.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  path: \"pipelines/samples/order_items/${date}.csv\"",
                "  path: \"" + path + "\""));
    return project;
  }

  private CliRun etlx(Path project, String... args) {
    return CliRun.in(project, env, args);
  }
}
