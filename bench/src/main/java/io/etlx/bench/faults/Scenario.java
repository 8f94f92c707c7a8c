package io.etlx.bench.faults;

import io.etlx.bench.faults.Fixture.ItemsSpec;
import io.etlx.bench.faults.Fixture.Pipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One cycle's random plan, drawn from its seed: the operations a user runs, each with the fault
 * that interrupts it (or none), and the model of what the project holds once each has completed
 * (the spec of order_items, each source file's version, the dates each table holds). Only
 * operations that must succeed are drawn (e.g. lowering the transform version is followed by a
 * rebuild, never a backfill), so any failure of a rerun is a finding.
 */
final class Scenario {
  static final List<String> CRASH_POINTS =
      List.of(
          "extract:before-commit",
          "transform:before-record",
          "load:before-commit",
          "load:after-commit");

  enum Kind {
    RUN,
    BACKFILL,
    FORCE,
    RE_EXTRACT,
    REBUILD,
    SPEC
  }

  /**
   * How an operation is interrupted: not at all, at an etlx crash point, or by SIGKILL after a
   * delay.
   */
  record Fault(String crashAt, long killAfterMillis) {
    static final Fault NONE = new Fault(null, 0);

    boolean any() {
      return crashAt != null || killAfterMillis > 0;
    }

    @Override
    public String toString() {
      return crashAt != null
          ? "ETLX_CRASH_AT=" + crashAt
          : killAfterMillis > 0 ? "kill -9 after " + killAfterMillis + " ms" : "no fault";
    }
  }

  /** A source file rewritten before the operation (a new "source version" of that date). */
  record SourceChange(Pipeline pipeline, LocalDate date, int version) {}

  /**
   * One operation: the CLI arguments (after {@code -C DIR}); what changes in the project before it
   * runs (a source file, the order_items spec), and the fault.
   */
  record Op(
      int index,
      Kind kind,
      Pipeline pipeline,
      List<String> args,
      SourceChange source,
      ItemsSpec spec,
      Fault fault) {
    String describe() {
      StringBuilder s = new StringBuilder("#" + index + " ");
      if (spec != null) {
        s.append("[spec order_items → ").append(spec).append("] ");
      }
      if (source != null) {
        s.append("[source ")
            .append(source.pipeline().name)
            .append(' ')
            .append(source.date())
            .append(" → v")
            .append(source.version())
            .append("] ");
      }
      return s.append("etlx ")
          .append(String.join(" ", args))
          .append("  {")
          .append(fault)
          .append('}')
          .toString();
    }
  }

  final long seed;
  final List<Op> ops = new ArrayList<>();

  /** The model after every operation. */
  ItemsSpec spec = ItemsSpec.A;

  final Map<Pipeline, SortedSet<LocalDate>> loaded = new EnumMap<>(Pipeline.class);
  final Map<Pipeline, int[]> versions = new EnumMap<>(Pipeline.class);

  private final Random random;
  private final double killRate;

  /** The spec versions switched between; the first is the initial one. */
  private final List<ItemsSpec> specs;

  Scenario(long seed, int operations, double killRate, List<ItemsSpec> specs) {
    this.specs = specs;
    this.seed = seed;
    this.random = new Random(seed);
    this.killRate = killRate;
    for (Pipeline p : Pipeline.values()) {
      loaded.put(p, new TreeSet<>());
      versions.put(p, new int[Fixture.DATES.size()]);
    }
    while (ops.size() < operations) {
      Op op = draw(ops.size() + 1);
      if (op != null) {
        ops.add(op);
      }
    }
  }

  private Op draw(int index) {
    double p = random.nextDouble();
    Pipeline pipeline = p < 0.5 ? Pipeline.ITEMS : p < 0.75 ? Pipeline.LINES : Pipeline.EVENTS;
    SortedSet<LocalDate> dates = loaded.get(pipeline);
    Kind kind = pickKind(pipeline);
    List<LocalDate> all = Fixture.DATES;
    List<String> args = new ArrayList<>();
    SourceChange change = null;
    ItemsSpec newSpec = null;
    LocalDate from;
    LocalDate to;
    switch (kind) {
      case RUN -> {
        LocalDate d = all.get(random.nextInt(all.size()));
        args.addAll(List.of("run", pipeline.name, "--date", d.toString()));
        dates.add(d);
      }
      case BACKFILL -> {
        int a = random.nextInt(all.size());
        int b = a + random.nextInt(all.size() - a);
        args.addAll(
            List.of(
                "backfill",
                pipeline.name,
                "--from",
                all.get(a).toString(),
                "--to",
                all.get(b).toString()));
        dates.addAll(all.subList(a, b + 1));
      }
      case FORCE -> {
        LocalDate d =
            dates.isEmpty() ? all.get(random.nextInt(all.size())) : pick(new ArrayList<>(dates));
        args.addAll(List.of("run", pipeline.name, "--date", d.toString()));
        int how = random.nextInt(4);
        args.addAll(
            how < 2
                ? List.of("--force")
                : how == 2
                    ? List.of("--from-stage", "transform")
                    : List.of("--from-stage", "load"));
        dates.add(d);
      }
      case RE_EXTRACT -> {
        int day = random.nextInt(all.size());
        LocalDate d = all.get(day);
        if (pipeline.versioned) {
          int[] v = versions.get(pipeline);
          int next =
              (v[day] + 1 + random.nextInt(Fixture.SOURCE_VERSIONS - 1)) % Fixture.SOURCE_VERSIONS;
          v[day] = next;
          change = new SourceChange(pipeline, d, next);
        }
        args.addAll(List.of("run", pipeline.name, "--date", d.toString(), "--re-extract"));
        dates.add(d);
      }
      case REBUILD -> {
        from = dates.first();
        to = dates.last();
        args.addAll(
            List.of("rebuild", pipeline.name, "--from", from.toString(), "--to", to.toString()));
      }
      case SPEC -> {
        List<ItemsSpec> others = new ArrayList<>(specs);
        others.remove(spec);
        newSpec = pick(others);
        boolean contiguous = Fixture.segments(dates).size() == 1;
        boolean lower = newSpec.version < spec.version;
        if (lower && !contiguous) {
          return null; // only a rebuild lowers the version, and it needs every date in between
        }
        boolean rebuild = lower || (contiguous && random.nextBoolean());
        from = dates.first();
        to = dates.last();
        args.addAll(
            List.of(
                rebuild ? "rebuild" : "backfill",
                pipeline.name,
                "--from",
                from.toString(),
                "--to",
                to.toString()));
        dates.addAll(all.subList(all.indexOf(from), all.indexOf(to) + 1));
        spec = newSpec;
      }
      default -> throw new IllegalStateException();
    }
    args.addAll(List.of("--env", Fixture.ENV));
    return new Op(index, kind, pipeline, List.copyOf(args), change, newSpec, fault(kind));
  }

  private Kind pickKind(Pipeline pipeline) {
    SortedSet<LocalDate> dates = loaded.get(pipeline);
    List<Kind> kinds = new ArrayList<>();
    List<Integer> weights = new ArrayList<>();
    add(kinds, weights, Kind.RUN, 2);
    add(kinds, weights, Kind.BACKFILL, 3);
    add(kinds, weights, Kind.FORCE, dates.isEmpty() ? 0 : 2);
    add(kinds, weights, Kind.RE_EXTRACT, 3);
    add(kinds, weights, Kind.REBUILD, Fixture.segments(dates).size() == 1 ? 2 : 0);
    add(kinds, weights, Kind.SPEC, pipeline == Pipeline.ITEMS && !dates.isEmpty() ? 4 : 0);
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    int r = random.nextInt(total);
    for (int i = 0; i < kinds.size(); i++) {
      r -= weights.get(i);
      if (r < 0) {
        return kinds.get(i);
      }
    }
    throw new IllegalStateException();
  }

  private static void add(List<Kind> kinds, List<Integer> weights, Kind kind, int weight) {
    if (weight > 0) {
      kinds.add(kind);
      weights.add(weight);
    }
  }

  private Fault fault(Kind kind) {
    if (random.nextDouble() >= killRate) {
      return Fault.NONE;
    }
    if (random.nextBoolean()) {
      return new Fault(pick(CRASH_POINTS), 0);
    }
    // a real SIGKILL from the end of JVM start-up (~0.7 s) to the end of the work; longer for
    // multi-date commands
    long max = kind == Kind.BACKFILL || kind == Kind.REBUILD || kind == Kind.SPEC ? 6000 : 3500;
    return new Fault(null, 700 + (long) (random.nextDouble() * (max - 700)));
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
