package io.etlx.bench;

import io.etlx.testkit.PostgresTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The load benchmark: for each size, on DuckDB and on a real PostgreSQL, the hand-written baseline
 * and the etlx CLI as a user runs it (a process per command), each measured from outside for
 * wall-clock time and peak RSS, with etlx's per-stage times from its JSON report. Usage: {@code
 * bench/run [ROWS...]} (default 1000000). A Markdown table on stdout, progress on stderr; any
 * failure stops it with the failing process's stderr and keeps its files.
 */
public final class LoadBenchmark {
  private final EtlxCli etlx;
  private final List<String> javaOpts;
  private final Path work;

  private LoadBenchmark(EtlxCli etlx, List<String> javaOpts, Path work) {
    this.etlx = etlx;
    this.javaOpts = javaOpts;
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
    Path root = Path.of(System.getProperty("etlx.root", ".")).toAbsolutePath().normalize();
    // the heap a user gives etlx through the launcher; the baseline's JVM gets the same
    List<String> javaOpts =
        List.of(System.getenv().getOrDefault("ETLX_JAVA_OPTS", "-Xmx256m").trim().split("\\s+"));
    Path work = Files.createTempDirectory("etlx-bench-");
    LoadBenchmark bench = new LoadBenchmark(new EtlxCli(root, javaOpts), javaOpts, work);
    ResultsTable table = new ResultsTable();
    try {
      for (long rows : sizes) {
        for (Comparison c : bench.measure(rows)) {
          table.add(c);
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      System.err.println("bench: failed; its files are kept in " + work);
      System.exit(1);
    }
    delete(work);
    System.out.println(preface(sizes, javaOpts));
    System.out.println();
    System.out.print(table.markdown());
    System.exit(0); // stops the PostgreSQL server (a shutdown hook)
  }

  private List<Comparison> measure(long rows) throws Exception {
    Path dir = Files.createDirectories(work.resolve("n" + rows));
    Path first = dir.resolve("first.csv");
    Path changed = dir.resolve("changed.csv");
    progress("generating %,d rows (and the same with 10%% of them changed)…", rows);
    OrderItems.write(first, rows, 42, 0);
    OrderItems.write(changed, rows, 42, 10);
    List<Comparison> results = new ArrayList<>();
    for (Warehouse warehouse : warehouses()) {
      results.add(
          compare(
              rows,
              warehouse,
              dir.resolve(warehouse.name().toLowerCase(Locale.ROOT)),
              first,
              changed));
    }
    delete(dir); // gigabytes at 10M rows
    return results;
  }

  /** The warehouses to measure: all, or those {@code BENCH_WAREHOUSES} names (duckdb,postgres). */
  private static List<Warehouse> warehouses() {
    String named = System.getenv().getOrDefault("BENCH_WAREHOUSES", "").trim();
    if (named.isEmpty()) {
      return List.of(Warehouse.values());
    }
    List<Warehouse> chosen = new ArrayList<>();
    for (String name : named.split(",")) {
      chosen.add(Warehouse.valueOf(name.trim().toUpperCase(Locale.ROOT)));
    }
    return chosen;
  }

  private Comparison compare(long rows, Warehouse warehouse, Path dir, Path first, Path changed)
      throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    BenchProject project = BenchProject.create(dir.resolve("project"), warehouse, first);
    Target baselineTable;
    Target etlxTable;
    Map<String, String> env;
    if (warehouse == Warehouse.POSTGRES) {
      baselineTable = new Target(PostgresTestServer.newDatabase(), Baselines.TABLE);
      String url = PostgresTestServer.newDatabase();
      etlxTable = project.target(warehouse, url);
      env = Map.of(BenchProject.PG_URL_VAR, url);
    } else {
      baselineTable = new Target("jdbc:duckdb:" + dir.resolve("baseline.duckdb"), Baselines.TABLE);
      etlxTable = project.target(warehouse, null);
      env = Map.of();
    }
    String on = String.format(Locale.ROOT, "%,d rows, %s: ", rows, warehouse.label);

    Comparison.Baseline baselineFirst = baseline(baselineTable, first, logs, "baseline-first-load");
    progress(on + "baseline first load: %s", describe(baselineFirst));
    EtlxCli.Run etlxFirst = etlx.run(project, env, logs, "etlx-first-load", "ran", rows);
    progress(on + "etlx first load: %s", describe(etlxFirst));
    requireSame(etlxTable, baselineTable, "first load");
    EtlxCli.Run noop = etlx.run(project, env, logs, "etlx-noop-rerun", "skipped", rows);
    progress(on + "etlx no-op rerun: %s", describe(noop));

    Comparison.Baseline baselineRerun =
        baseline(baselineTable, changed, logs, "baseline-changed-rerun");
    progress(on + "baseline 10%% changed rerun: %s", describe(baselineRerun));
    project.useSource(changed);
    EtlxCli.Run etlxChanged =
        etlx.run(project, env, logs, "etlx-changed-rerun", "ran", rows, "--re-extract");
    progress(on + "etlx 10%% changed rerun: %s", describe(etlxChanged));
    requireSame(etlxTable, baselineTable, "10% changed rerun");

    if (warehouse == Warehouse.POSTGRES) {
      dropDatabase(baselineTable.url());
      dropDatabase(etlxTable.url());
    }
    return new Comparison(
        rows, warehouse, baselineFirst, baselineRerun, etlxFirst, noop, etlxChanged);
  }

  /** One baseline load in a JVM of its own, as heavy as etlx's (same options). */
  private Comparison.Baseline baseline(Target target, Path csv, Path logs, String name)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOpts);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Baselines.class.getName(),
            target.url(),
            csv.toString()));
    ProcessMeter.Result process = ProcessMeter.run(command, Map.of(), logs, name);
    return new Comparison.Baseline(Double.parseDouble(process.stdout().trim()), process);
  }

  /** etlx's table must hold what the baseline's holds: else the time measured no real load. */
  private static void requireSame(Target loaded, Target baseline, String after)
      throws SQLException {
    String expected = baseline.fingerprint();
    String actual = loaded.fingerprint();
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "after the "
              + after
              + ", etlx's table holds "
              + actual
              + " but the baseline's holds "
              + expected);
    }
  }

  private static void dropDatabase(String url) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(PostgresTestServer.url("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " WITH (FORCE)");
    }
  }

  private static String describe(Comparison.Baseline b) {
    return String.format(
        Locale.ROOT,
        "%.2f s (its process %.2f s), peak RSS %s",
        b.seconds(),
        b.process().seconds(),
        megabytes(b.process()));
  }

  private static String describe(EtlxCli.Run r) {
    return String.format(
        Locale.ROOT,
        "%.2f s (start+exit %.2f, extract %.2f, transform %.2f, load %.2f, between stages %.2f),"
            + " peak RSS %s",
        r.process().seconds(),
        r.outsideRun(),
        r.seconds("extract"),
        r.seconds("transform"),
        r.seconds("load"),
        r.betweenStages(),
        megabytes(r.process()));
  }

  private static String megabytes(ProcessMeter.Result p) {
    return p.peakRssKb() < 0
        ? "unknown"
        : String.format(Locale.ROOT, "%.0f MB", p.peakRssKb() / 1024.0);
  }

  /** What the numbers were measured with, for the line above the table. */
  private static String preface(List<Long> sizes, List<String> javaOpts) throws SQLException {
    String duckdb;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version()")) {
      r.next();
      duckdb = r.getString(1);
    }
    String postgres;
    try (Connection c =
            DriverManager.getConnection(PostgresTestServer.url("postgres"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW server_version")) {
      r.next();
      postgres = r.getString(1);
    }
    return String.format(
        Locale.ROOT,
        "`bench/run %s` on %s, %d cores, etlx %s, Java %s, DuckDB %s, PostgreSQL %s (fsync=off);"
            + " etlx and baselines run with `%s`.",
        sizes.stream().map(String::valueOf).collect(Collectors.joining(" ")),
        LocalDate.now(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("etlx.commit", "(commit unknown)"),
        System.getProperty("java.version"),
        duckdb,
        postgres,
        String.join(" ", javaOpts));
  }

  private static void progress(String format, Object... args) {
    System.err.println(String.format(Locale.ROOT, format, args));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(f);
      }
    }
  }
}
