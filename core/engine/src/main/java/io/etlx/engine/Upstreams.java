package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.PipelineSpec;
import io.etlx.spi.LedgerEntry;
import io.etlx.state.RunKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The loads of a pipeline's {@code depends_on} for one logical date, as the warehouse's ledger
 * holds them: a run starts only when each has loaded the date, and a SQL model's extract is stale
 * when one of them has loaded the date again since.
 */
final class Upstreams {
  /**
   * Whether {@code pipeline} is a SQL model: its source is the warehouse, so its extract reads its
   * upstreams' tables and goes stale with them.
   */
  static boolean isModel(PipelineSpec pipeline) {
    return "warehouse".equals(pipeline.source().type());
  }

  /** A wait longer than this is as good as endless. */
  private static final Duration FOREVER = Duration.ofDays(36_500);

  private final Map<String, LedgerEntry> loads;
  private final List<String> missing;

  private Upstreams(Map<String, LedgerEntry> loads, List<String> missing) {
    this.loads = loads;
    this.missing = missing;
  }

  /** The upstreams that have not loaded the date. */
  List<String> missing() {
    return missing;
  }

  static Upstreams none() {
    return new Upstreams(Map.of(), List.of());
  }

  /** The ledger's entries of {@code upstreams} for {@code date}, now. */
  static Upstreams of(EnvironmentSession session, List<PipelineSpec> upstreams, LocalDate date) {
    Map<String, LedgerEntry> loads = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (PipelineSpec upstream : upstreams) {
      Optional<LedgerEntry> entry =
          session.warehouse().ledger(Tables.of(upstream, session), upstream.name(), date);
      if (entry.isPresent()) {
        loads.put(upstream.name(), entry.get());
      } else {
        missing.add(upstream.name());
      }
    }
    return new Upstreams(loads, missing);
  }

  /**
   * The loads once every upstream has loaded {@code date}, asking again until {@code wait} has
   * passed; fails with {@code UPSTREAM_NOT_LOADED} naming what is missing and what to run.
   */
  static Upstreams await(
      EnvironmentSession session,
      List<PipelineSpec> upstreams,
      RunKey key,
      Duration wait,
      Sleeper sleeper) {
    if (upstreams.isEmpty()) {
      return none();
    }
    // beyond a century is forever (and would overflow nanoseconds)
    long deadline =
        System.nanoTime() + (wait.compareTo(FOREVER) > 0 ? Long.MAX_VALUE / 2 : wait.toNanos());
    Duration poll = poll(wait);
    while (true) {
      Upstreams now = of(session, upstreams, key.date());
      if (now.missing.isEmpty()) {
        return now;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw notLoaded(key, now.missing, wait);
      }
      session.warehouse().idle(); // an embedded file is free for the upstreams' loads meanwhile
      sleeper.sleep(poll);
    }
  }

  private static Duration poll(Duration wait) {
    Duration tenth = wait.dividedBy(10);
    if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
  }

  private static EtlxException notLoaded(RunKey key, List<String> missing, Duration wait) {
    String which =
        missing.size() == 1 ? "'" + missing.get(0) + "'" : "'" + String.join("', '", missing) + "'";
    String runFirst =
        String.join(
            " and ",
            missing.stream()
                .map(
                    name ->
                        "etlx run "
                            + name
                            + " --date "
                            + key.date()
                            + " --env "
                            + key.environment())
                .toList());
    return new EtlxException(
        ErrorCode.UPSTREAM_NOT_LOADED,
        key.pipeline()
            + " depends on "
            + which
            + ", which "
            + (missing.size() == 1 ? "has" : "have")
            + " not loaded "
            + key.date()
            + " in "
            + key.environment()
            + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
            + ": run "
            + runFirst
            + " first, or all of them in order with etlx run --all --date "
            + key.date()
            + " --env "
            + key.environment()
            + "; --wait-for-upstream DURATION waits for them instead");
  }

  /**
   * What a model's extract read, to tell a later change apart: its query's hash and each upstream's
   * load id (its commit time where the ledger row predates load ids). A changed query makes the
   * extract stale as a reload does; null when there is neither.
   */
  String fingerprint(String queryHash) {
    if (loads.isEmpty() && queryHash == null) {
      return null;
    }
    StringBuilder text = new StringBuilder("upstream");
    if (queryHash != null) {
      text.append(' ').append(QUERY).append('=').append(queryHash);
    }
    new TreeMap<>(loads)
        .forEach(
            (name, entry) ->
                text.append(' ')
                    .append(name)
                    .append('=')
                    .append(entry.loadId() != null ? entry.loadId() : entry.committedAt()));
    return text.toString();
  }

  /**
   * The upstreams whose load differs between two fingerprints, for saying why a model's date is
   * stale ("order_items reloaded"); empty when the earlier one is unknown.
   */
  /** The key of the model's query in a fingerprint: no pipeline is named so (names start a-z). */
  static final String QUERY = "#query";

  static List<String> reloaded(String before, String now) {
    Map<String, String> was = parse(before);
    Map<String, String> is = parse(now);
    List<String> changed = new ArrayList<>();
    is.forEach(
        (name, load) -> {
          if (!load.equals(was.get(name))) {
            changed.add(name);
          }
        });
    return changed;
  }

  private static Map<String, String> parse(String fingerprint) {
    Map<String, String> loads = new TreeMap<>();
    if (fingerprint == null || !fingerprint.startsWith("upstream")) {
      return loads;
    }
    for (String part : fingerprint.substring("upstream".length()).trim().split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        loads.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return loads;
  }

  /** Waits between two looks at the ledger (a test's sleeper need not really sleep). */
  interface Sleeper {
    Sleeper REAL =
        d -> {
          try {
            Thread.sleep(d.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtlxException(ErrorCode.INTERNAL, "interrupted waiting for upstreams", e);
          }
        };

    void sleep(Duration duration);
  }
}
