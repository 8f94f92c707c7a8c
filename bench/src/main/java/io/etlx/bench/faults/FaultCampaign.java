package io.etlx.bench.faults;

import io.etlx.bench.faults.Fixture.ItemsSpec;
import io.etlx.testkit.PostgresTestServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fault campaign: N cycles per warehouse of random operations (run, backfill,
 * --force/--from-stage, --re-extract of a changed source file, rebuild, spec switches A→B→A…)
 * through the real CLI, a random share of them killed (ETLX_CRASH_AT or a real SIGKILL) and rerun;
 * each cycle's table and ledger compared with a clean run. Usage: {@code bench/faults/run CYCLES
 * [--warehouse duckdb|postgres|both] [--state file|postgres|both] [--seed N] [--ops N] [--kill-rate
 * R] [--spec-c cast|rename] [--keep]}. Exit 1 on any divergence.
 */
public final class FaultCampaign {
  private FaultCampaign() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("etlx.log.level", "WARN"); // the in-process clean runs: no progress lines
    if (System.getenv("ETLX_CRASH_AT") != null) {
      System.err.println("faults: unset ETLX_CRASH_AT first (the campaign sets it per operation)");
      System.exit(2);
    }
    int cycles = -1;
    String warehouses = "both";
    String states = "both";
    Long seed = null;
    int ops = 6;
    double killRate = 0.6;
    boolean keep = false;
    boolean planOnly = false;
    String specC = "cast";
    Path root = Path.of(System.getProperty("etlx.root", ".")).toAbsolutePath().normalize();
    Path work = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warehouse" -> warehouses = choice(args[++i], "duckdb", "postgres", "both");
        case "--state" -> states = choice(args[++i], "file", "postgres", "both");
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--kill-rate" -> killRate = Double.parseDouble(args[++i]);
        case "--keep" -> keep = true;
        case "--plan" -> planOnly = true;
        case "--spec-c" -> specC = choice(args[++i], "cast", "rename");
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          if (args[i].startsWith("-") || cycles >= 0) {
            usage("unknown argument " + args[i]);
          }
          cycles = Integer.parseInt(args[i]);
        }
      }
    }
    if (cycles < 1) {
      usage("give the number of cycles");
    }
    if (work == null) {
      work = Files.createTempDirectory("etlx-faults-");
    }
    long base = seed != null ? seed : System.currentTimeMillis() % 1_000_000_000L;
    Cli cli = new Cli(root);
    List<ItemsSpec> specs =
        List.of(ItemsSpec.A, ItemsSpec.B, specC.equals("cast") ? ItemsSpec.C : ItemsSpec.C_RENAME);
    List<String[]> plan = new ArrayList<>();
    for (String wh :
        warehouses.equals("both") ? List.of("duckdb", "postgres") : List.of(warehouses)) {
      for (int c = 0; c < cycles; c++) {
        // DuckDB runs with the file state store; PostgreSQL alternates file and PostgreSQL state
        String st =
            wh.equals("duckdb")
                ? (states.equals("postgres") ? "postgres" : "file")
                : states.equals("both") ? (c % 2 == 0 ? "file" : "postgres") : states;
        plan.add(new String[] {wh, st, Long.toString(base + c)});
      }
    }
    if (planOnly) { // the operations each cycle would run, without running them
      for (String[] p : plan) {
        System.out.println(p[0] + " " + p[1] + " seed " + p[2] + ":");
        new Scenario(Long.parseLong(p[2]), ops, killRate, specs)
            .ops.forEach(op -> System.out.println("  " + op.describe()));
      }
      System.exit(0);
    }
    boolean needPostgres =
        plan.stream().anyMatch(p -> p[0].equals("postgres") || p[1].equals("postgres"));
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "fault campaign: %d cycle(s), %d operations each, kill rate %.2f, seeds %d.., work dir"
            + " %s%n",
        plan.size(),
        ops,
        killRate,
        base,
        work);
    Cycle.Databases databases = needPostgres ? postgres() : null;
    Path report = work.resolve("divergences.txt");
    Map<String, long[]> totals =
        new LinkedHashMap<>(); // warehouse/state → cycles, ops, faults, crash kills, signal kills,
    // reruns, divergent, millis
    long started = System.nanoTime();
    int divergent = 0;
    for (int i = 0; i < plan.size(); i++) {
      String wh = plan.get(i)[0];
      String st = plan.get(i)[1];
      long s = Long.parseLong(plan.get(i)[2]);
      Path dir =
          Files.createDirectories(work.resolve(String.format(Locale.ROOT, "%s-%s-%d", wh, st, s)));
      Scenario scenario = new Scenario(s, ops, killRate, specs);
      Cycle.Outcome o;
      try {
        o = new Cycle(cli, dir, scenario, wh, st, databases).run();
      } catch (Exception e) {
        o = new Cycle.Outcome(s, wh, st);
        o.problems.add("the harness failed: " + e);
      }
      boolean ok = o.problems.isEmpty();
      Files.write(dir.resolve("operations.log"), o.log, StandardCharsets.UTF_8);
      long[] t = totals.computeIfAbsent(wh + " / " + st + " state", k -> new long[8]);
      t[0]++;
      t[1] += o.ops;
      t[2] += o.faults;
      t[3] += o.crashKills;
      t[4] += o.signalKills;
      t[5] += o.reruns;
      t[6] += ok ? 0 : 1;
      t[7] += o.millis;
      out.printf(
          Locale.ROOT,
          "[%d/%d] %-8s %-8s seed %d: %d ops, %d killed (%d crash point, %d SIGKILL), %d reruns,"
              + " %.1f s: %s%n",
          i + 1,
          plan.size(),
          wh,
          st,
          s,
          o.ops,
          o.kills(),
          o.crashKills,
          o.signalKills,
          o.reruns,
          o.millis / 1000.0,
          ok ? "same as the clean run" : "DIVERGED");
      if (!ok) {
        divergent++;
        String text = divergence(o, dir, ops, killRate, specC);
        System.err.print(text);
        Files.writeString(
            report,
            text,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } else if (!keep) {
        delete(dir);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println();
    out.println(
        "| warehouse / state store | cycles | operations | faults planned | killed at a crash point"
            + " | killed by SIGKILL | reruns | divergences | s per cycle |");
    out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    totals.forEach(
        (k, t) ->
            out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
                k,
                t[0],
                t[1],
                t[2],
                t[3],
                t[4],
                t[5],
                t[6],
                t[7] / 1000.0 / t[0]));
    out.printf(
        Locale.ROOT,
        "%n%d cycle(s), %d kill(s), %d divergence(s) in %.0f s (%s)%n",
        plan.size(),
        totals.values().stream().mapToLong(t -> t[3] + t[4]).sum(),
        divergent,
        seconds,
        Instant.now());
    if (divergent > 0) {
      out.println("divergences (seed, operation log, differences): " + report);
    }
    System.exit(divergent > 0 ? 1 : 0);
  }

  private static String divergence(
      Cycle.Outcome o, Path dir, int ops, double killRate, String specC) {
    StringBuilder s = new StringBuilder();
    s.append("\n=== DIVERGENCE: ")
        .append(o.warehouse)
        .append(" warehouse, ")
        .append(o.state)
        .append(" state, seed ")
        .append(o.seed)
        .append('\n');
    s.append("replay: bench/faults/run 1 --warehouse ")
        .append(o.warehouse)
        .append(" --state ")
        .append(o.state)
        .append(" --seed ")
        .append(o.seed)
        .append(" --ops ")
        .append(ops)
        .append(" --kill-rate ")
        .append(killRate)
        .append(specC.equals("cast") ? "" : " --spec-c " + specC)
        .append('\n');
    s.append("project, CLI output per attempt (logs/opNN-ATTEMPT.out|err), clean run: ")
        .append(dir)
        .append('\n');
    s.append("operations:\n");
    o.log.forEach(l -> s.append("  ").append(l).append('\n'));
    s.append("differences (expected = clean run):\n");
    o.problems.forEach(p -> s.append("  ").append(p).append('\n'));
    return s.toString();
  }

  private static Cycle.Databases postgres() {
    PostgresTestServer.port(); // starts the server (from Maven artifacts), stopped at exit
    return new Cycle.Databases() {
      @Override
      public String create() {
        return PostgresTestServer.newDatabase();
      }

      @Override
      public void drop(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c =
                DriverManager.getConnection(PostgresTestServer.url("postgres"), "postgres", "");
            Statement s = c.createStatement()) {
          s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
          System.err.println("faults: could not drop database " + name + ": " + e.getMessage());
        }
      }
    };
  }

  private static String choice(String value, String... allowed) {
    if (!List.of(allowed).contains(value)) {
      usage("'" + value + "' is not one of " + String.join("|", allowed));
    }
    return value;
  }

  private static void usage(String why) {
    System.err.println("faults: " + why);
    System.err.println(
        "usage: bench/faults/run CYCLES [--warehouse duckdb|postgres|both] [--state"
            + " file|postgres|both] [--seed N] [--ops N] [--kill-rate R] [--spec-c cast|rename]"
            + " [--keep] [--work DIR] [--plan]");
    System.exit(2);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(f);
      }
    }
  }
}
