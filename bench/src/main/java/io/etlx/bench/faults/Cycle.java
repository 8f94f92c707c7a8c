package io.etlx.bench.faults;

import io.etlx.bench.faults.Fixture.ItemsSpec;
import io.etlx.bench.faults.Fixture.Pipeline;
import io.etlx.bench.faults.Scenario.Fault;
import io.etlx.bench.faults.Scenario.Op;
import io.etlx.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * One cycle: a fresh project, the scenario's operations through the real CLI (each interrupted or
 * not, then rerun plainly until it succeeds), then the faulted warehouse compared with a clean run
 * of the final spec over the final source files in another fresh project.
 */
final class Cycle {
  /**
   * Reruns of an interrupted operation before the cycle gives up (exit 3, a transient failure,
   * retries).
   */
  static final int MAX_RERUNS = 5;

  /** What a cycle did; {@code problems} empty when the faulted table equals the clean one. */
  static final class Outcome {
    final long seed;
    final String warehouse;
    final String state;
    int ops;
    int faults;
    int crashKills;
    int signalKills;
    int reruns;
    long millis;
    final List<String> log = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    Outcome(long seed, String warehouse, String state) {
      this.seed = seed;
      this.warehouse = warehouse;
      this.state = state;
    }

    int kills() {
      return crashKills + signalKills;
    }
  }

  private final Cli cli;
  private final Path dir;
  private final Scenario scenario;
  private final String warehouse;
  private final String state;
  private final Databases databases;

  /** PostgreSQL databases for a cycle: created on demand, dropped afterwards. */
  interface Databases {
    String create();

    void drop(String url);
  }

  Cycle(Cli cli, Path dir, Scenario scenario, String warehouse, String state, Databases databases) {
    this.cli = cli;
    this.dir = dir;
    this.scenario = scenario;
    this.warehouse = warehouse;
    this.state = state;
    this.databases = databases;
  }

  Outcome run() throws Exception {
    Outcome outcome = new Outcome(scenario.seed, warehouse, state);
    long start = System.nanoTime();
    Path project = dir.resolve("project");
    Path clean = dir.resolve("clean");
    String faultedUrl = null;
    String cleanUrl = null;
    try {
      Map<String, String> env = new HashMap<>();
      if (warehouse.equals("postgres")) {
        faultedUrl = databases.create();
        cleanUrl = databases.create();
        env.put(Fixture.PG_URL_VAR, faultedUrl);
      }
      Fixture.writeProject(project, ItemsSpec.A, Fixture.environment(warehouse, state));
      for (Pipeline p : Pipeline.values()) {
        for (LocalDate d : Fixture.DATES) {
          Fixture.writeSource(project, p, d, 0);
        }
      }
      Path logs = Files.createDirectories(dir.resolve("logs"));
      for (Op op : scenario.ops) {
        outcome.ops++;
        if (!execute(op, project, env, logs, outcome)) {
          break;
        }
      }
      if (outcome.problems.isEmpty()) {
        compare(project, clean, faultedUrl, cleanUrl, outcome);
      }
    } finally {
      outcome.millis = (System.nanoTime() - start) / 1_000_000;
      if (faultedUrl != null && outcome.problems.isEmpty()) {
        databases.drop(faultedUrl);
      }
      if (cleanUrl != null && outcome.problems.isEmpty()) {
        databases.drop(cleanUrl);
      }
    }
    return outcome;
  }

  /**
   * Runs one operation, interrupted as planned, then reruns it until it succeeds; false when it
   * never does.
   */
  private boolean execute(Op op, Path project, Map<String, String> env, Path logs, Outcome outcome)
      throws IOException, InterruptedException {
    if (op.spec() != null) {
      Fixture.writeItemsSpec(project, op.spec());
    }
    if (op.source() != null) {
      Fixture.writeSource(
          project, op.source().pipeline(), op.source().date(), op.source().version());
    }
    StringBuilder line = new StringBuilder(op.describe()).append(" →");
    Fault fault = op.fault();
    if (fault.any()) {
      outcome.faults++;
    }
    for (int attempt = 0; attempt <= MAX_RERUNS; attempt++) {
      Fault now = attempt == 0 ? fault : Fault.NONE;
      Cli.Result r =
          cli.run(
              project,
              op.args(),
              now,
              env,
              logs.resolve(String.format(Locale.ROOT, "op%02d-%d", op.index(), attempt)),
              dir.resolve("tmp"));
      if (attempt > 0) {
        outcome.reruns++;
      }
      if (r.killed()) {
        if (now.crashAt() != null) {
          outcome.crashKills++;
        } else {
          outcome.signalKills++;
        }
        line.append(" killed (").append(r.exit()).append(", ").append(r.millis()).append(" ms);");
        continue;
      }
      line.append(" exit ").append(r.exit()).append(" (").append(r.millis()).append(" ms)");
      if (r.exit() == 0) {
        if (attempt == 0 && fault.any()) {
          line.append(", finished before the fault struck");
        }
        outcome.log.add(line.toString());
        return true;
      }
      line.append(": ").append(r.tail().replace("\n", " / ")).append(';');
      if (r.exit() != 3 && r.exit() != 5) {
        break; // only a transient failure (3) or a lock a dying worker still held (5) is worth a
        // rerun
      }
      Thread.sleep(500);
    }
    outcome.log.add(line.toString());
    outcome.problems.add("operation #" + op.index() + " did not succeed when rerun: " + line);
    return false;
  }

  private void compare(
      Path project, Path clean, String faultedUrl, String cleanUrl, Outcome outcome)
      throws Exception {
    // the clean run: the final spec over the final source files, in a fresh project (in-process
    // CLI)
    Fixture.writeProject(clean, scenario.spec, Fixture.environment(warehouse, "file"));
    copyTree(project.resolve("data"), clean.resolve("data"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("ETLX_CRASH_AT");
    if (cleanUrl != null) {
      env.put(Fixture.PG_URL_VAR, cleanUrl);
    }
    Map<String, List<String>> compared = new LinkedHashMap<>();
    try (PrintWriter log =
        new PrintWriter(
            Files.newBufferedWriter(clean.resolve("clean-run.log"), StandardCharsets.UTF_8))) {
      for (Pipeline p : Pipeline.values()) {
        SortedSet<LocalDate> dates = scenario.loaded.get(p);
        if (dates.isEmpty()) {
          continue;
        }
        compared.put(p.table, Fixture.columns(p, scenario.spec));
        for (LocalDate[] segment : Fixture.segments(dates)) {
          String[] args = {
            "-C",
            clean.toString(),
            "backfill",
            p.name,
            "--from",
            segment[0].toString(),
            "--to",
            segment[1].toString(),
            "--env",
            Fixture.ENV
          };
          int code = Main.run(args, log, log, env);
          if (code != 0) {
            log.flush();
            outcome.problems.add(
                "the clean run failed (exit "
                    + code
                    + "): etlx "
                    + String.join(" ", args)
                    + "; see "
                    + clean.resolve("clean-run.log"));
            return;
          }
        }
      }
    }
    Snapshot expected = snapshot(clean, cleanUrl, compared);
    Snapshot actual = snapshot(project, faultedUrl, compared);
    outcome.problems.addAll(Snapshot.differences(expected, actual));
  }

  private Snapshot snapshot(Path project, String url, Map<String, List<String>> compared)
      throws SQLException {
    try (Connection c = connect(project, url)) {
      return Snapshot.read(c, Fixture.SCHEMA, compared);
    }
  }

  private Connection connect(Path project, String url) throws SQLException {
    if (url == null) {
      Properties readOnly = new Properties();
      readOnly.setProperty("duckdb.read_only", "true");
      return DriverManager.getConnection(
          "jdbc:duckdb:" + project.resolve("warehouse.duckdb"), readOnly);
    }
    return DriverManager.getConnection(url, "postgres", "");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
