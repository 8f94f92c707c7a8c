package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.graph.DependencyGraph;
import io.etlx.state.RunKey;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Several pipelines for one logical date, in dependency order: a pipeline starts once every
 * pipeline it depends on has succeeded for the date, independent ones run at once (up to {@code
 * parallel}; warehouse calls still go one at a time), and a failure skips only what depends on it.
 * Each pipeline's run is an ordinary run, so a rerun of the workload skips what is done and picks
 * up only what is left.
 */
public final class Workload {
  private final RunEngine engine;

  public Workload(RunEngine engine) {
    this.engine = engine;
  }

  /** What became of one pipeline: its run, or why it was not started. */
  public record Outcome(String pipeline, RunReport report, boolean skipped) {
    public boolean succeeded() {
      return report.succeeded();
    }

    /**
     * Whether the date's data is in: a success, or a run where only a notification failed (what
     * depends on it may start).
     */
    boolean loaded() {
      return report.succeeded() || report.failure().code() == ErrorCode.NOTIFY_FAILED;
    }
  }

  /**
   * Runs {@code pipelines} (every one resolved in the same environment) for {@code date}; {@code
   * onEach} sees each outcome as it is known. Returns the outcomes in the order they were known.
   */
  public List<Outcome> run(
      List<ResolvedPipeline> pipelines,
      DependencyGraph graph,
      LocalDate date,
      RunOptions options,
      int parallel,
      Consumer<Outcome> onEach) {
    Map<String, ResolvedPipeline> byName = new LinkedHashMap<>();
    pipelines.forEach(p -> byName.put(p.pipeline().name(), p));
    Map<String, Outcome> done = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> waiting = new ArrayList<>(graph.order(byName.keySet()));
    waiting.retainAll(byName.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    CompletionService<Outcome> running = new ExecutorCompletionService<>(pool);
    int inFlight = 0;
    try {
      while (!waiting.isEmpty() || inFlight > 0) {
        int before = waiting.size();
        for (String name : List.copyOf(waiting)) {
          List<String> ups = graph.upstreams(name).stream().filter(byName::containsKey).toList();
          List<String> failed =
              ups.stream().filter(u -> done.containsKey(u) && !done.get(u).loaded()).toList();
          if (!failed.isEmpty()) {
            waiting.remove(name);
            Outcome skipped = skipped(byName.get(name), date, failed);
            done.put(name, skipped);
            outcomes.add(skipped);
            onEach.accept(skipped);
          } else if (ups.stream().allMatch(done::containsKey)) {
            waiting.remove(name);
            ResolvedPipeline resolved = byName.get(name);
            running.submit(() -> new Outcome(name, runOne(resolved, date, options), false));
            inFlight++;
          }
        }
        if (inFlight == 0) {
          if (waiting.size() == before) {
            throw new EtlxException(
                ErrorCode.INTERNAL, "no pipeline can start: " + waiting + " wait for each other");
          }
          continue; // only skips happened this round: look again
        }
        Outcome outcome = take(running);
        inFlight--;
        done.put(outcome.pipeline(), outcome);
        outcomes.add(outcome);
        onEach.accept(outcome);
      }
    } finally {
      pool.shutdown(); // runs in progress finish: their sessions' resources are closed after
      awaitQuietly(pool);
    }
    return outcomes;
  }

  private RunReport runOne(ResolvedPipeline resolved, LocalDate date, RunOptions options) {
    try {
      return engine.run(resolved, date, options);
    } catch (EtlxException e) {
      // the run could not start (another worker holds the date): report it and go on
      return RunReport.notStarted(key(resolved, date), engine.clock().instant(), e);
    } catch (RuntimeException e) {
      return RunReport.notStarted(
          key(resolved, date),
          engine.clock().instant(),
          new EtlxException(ErrorCode.INTERNAL, "internal error: " + e.getClass().getName(), e));
    }
  }

  private Outcome skipped(ResolvedPipeline resolved, LocalDate date, List<String> failed) {
    String name = resolved.pipeline().name();
    EtlxException why =
        new EtlxException(
            ErrorCode.UPSTREAM_NOT_LOADED,
            "not started: it depends on "
                + String.join(", ", failed)
                + ", which did not load "
                + date
                + "; a rerun once "
                + (failed.size() == 1 ? "it loads" : "they load")
                + " runs it");
    return new Outcome(
        name, RunReport.notStarted(key(resolved, date), engine.clock().instant(), why), true);
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
        // a load in progress: wait for it rather than close the warehouse under it
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static RunKey key(ResolvedPipeline resolved, LocalDate date) {
    return new RunKey(resolved.pipeline().name(), resolved.environment().name(), date);
  }

  private static Outcome take(CompletionService<Outcome> running) {
    try {
      Future<Outcome> next = running.take();
      return next.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new EtlxException(
          ErrorCode.INTERNAL, "internal error: " + cause.getClass().getName(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(ErrorCode.INTERNAL, "interrupted", e);
    }
  }
}
