package io.etlx.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.cli.Main;
import io.etlx.testkit.PostgresTestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads N order items with etlx (file source → raw → transform → load, upsert by key) on DuckDB and
 * on a real PostgreSQL, then reruns it with every key conflicting (10% of rows changed), and
 * compares with the hand-written baselines measured in the same run. Usage: {@code bench/run
 * [ROWS...]} (default 1000000).
 */
public final class LoadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path work;
  private final List<String[]> table = new ArrayList<>();

  private LoadBenchmark(Path work) {
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Long.parseLong(arg.replace("_", "")));
    }
    if (sizes.isEmpty()) {
      sizes.add(1_000_000L);
    }
    Path work = Files.createTempDirectory("etlx-bench-");
    LoadBenchmark bench = new LoadBenchmark(work);
    for (long rows : sizes) {
      bench.measure(rows);
    }
    bench.print();
    System.exit(0);
  }

  private void measure(long rows) throws Exception {
    Path dir = Files.createDirectories(work.resolve("n" + rows));
    Path data = Files.createDirectories(dir.resolve("data"));
    System.err.printf("generating %,d rows…%n", rows);
    OrderItems.write(data.resolve("2020-12-01.csv"), rows, 42, 0);
    OrderItems.write(data.resolve("2020-12-02.csv"), rows, 42, 10);

    double[] duck =
        Baselines.duckdb(
            dir.resolve("baseline.duckdb"),
            data.resolve("2020-12-01.csv"),
            data.resolve("2020-12-02.csv"));
    add(rows, "DuckDB baseline: read_csv + ON CONFLICT, empty target", duck[0]);
    add(rows, "DuckDB baseline: same, every row conflicting", duck[1]);
    double[] pg =
        Baselines.postgres(
            PostgresTestServer.newDatabase(),
            data.resolve("2020-12-01.csv"),
            data.resolve("2020-12-02.csv"));
    add(rows, "PostgreSQL baseline: COPY + ON CONFLICT, empty target", pg[0]);
    add(rows, "PostgreSQL baseline: same + IS DISTINCT FROM, every row conflicting", pg[1]);

    Path project = project(dir, data);
    for (String env : List.of("duckdb", "postgres")) {
      for (String date : List.of("2020-12-01", "2020-12-02")) {
        String what = date.endsWith("01") ? "empty target" : "every row conflicting";
        Map<String, Double> stages = etlx(project, env, date);
        add(rows, "etlx " + env + " load stage, " + what, stages.get("load"));
        add(
            rows,
            "etlx " + env + " end to end (extract+transform+load), " + what,
            stages.get("extract") + stages.get("transform") + stages.get("load"));
      }
    }
  }

  private Map<String, Double> etlx(Path project, String env, String date) throws IOException {
    System.err.println("etlx run order_items --date " + date + " --env " + env);
    int code =
        Main.run(
            new String[] {
              "-C", project.toString(), "run", "order_items", "--date", date, "--env", env
            },
            new PrintWriter(System.err, true),
            new PrintWriter(System.err, true),
            Map.of());
    if (code != 0) {
      throw new IllegalStateException("etlx run failed with exit code " + code);
    }
    StringWriter out = new StringWriter();
    Main.run(
        new String[] {
          "-C",
          project.toString(),
          "status",
          "order_items",
          "--env",
          env,
          "--date",
          date,
          "--format",
          "json"
        },
        new PrintWriter(out),
        new PrintWriter(System.err, true),
        Map.of());
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (JsonNode run : JSON.readTree(out.toString())) {
      Duration took =
          Duration.between(
              Instant.parse(run.get("started_at").asText()),
              Instant.parse(run.get("ended_at").asText()));
      seconds.put(run.get("stage").asText(), took.toMillis() / 1000.0);
    }
    return seconds;
  }

  private static Path project(Path dir, Path data) throws IOException {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createDirectories(project.resolve("pipelines"));
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(
        project.resolve("pipelines/order_items.yaml"),
        """
        pipeline: order_items
        source: {type: file, path: "%s/${date}.csv", format: csv}
        transform:
          columns:
            order_item_id: {from: order_item_id, type: bigint}
            order_id:      {from: order_id, type: bigint}
            item_name:     {from: item_name, type: string}
            amount:        {from: amount, type: "decimal(12,2)"}
            currency_code: {from: currency_code, type: string}
            ordered_at:    {from: ordered_at, type: timestamp}
        primary_key: [order_item_id]
        sink: {table: order_items, mode: upsert}
        """
            .formatted(data));
    Files.writeString(
        project.resolve("environments/duckdb.yaml"),
        """
        warehouse: {type: duckdb, path: etlx.duckdb}
        schema: bench
        raw_store: {type: file, path: raw-duckdb}
        state: {type: file, path: state}
        """);
    Files.writeString(
        project.resolve("environments/postgres.yaml"),
        """
        warehouse: {type: postgres, url: "%s", user: postgres}
        schema: bench
        raw_store: {type: file, path: raw-postgres}
        state: {type: file, path: state}
        """
            .formatted(PostgresTestServer.newDatabase()));
    return project;
  }

  private void add(long rows, String operation, double seconds) {
    table.add(
        new String[] {
          String.format(Locale.ROOT, "%,d", rows),
          operation,
          String.format(Locale.ROOT, "%.1f", seconds),
          String.format(Locale.ROOT, "%,.0f", rows / seconds)
        });
  }

  private void print() {
    System.out.println("| rows | operation | seconds | rows/s |");
    System.out.println("|---:|---|---:|---:|");
    table.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
  }
}
