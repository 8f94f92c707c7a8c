package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.state.RunKey;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a pipeline for every date of a range. Each date is an ordinary run, so dates that are
 * complete are skipped stage by stage and a backfill rerun after a crash continues where it
 * stopped. With parallelism above one, extract and transform run in parallel while loads run one at
 * a time in date order (DuckDB allows one writer per file).
 */
public final class Backfill {
  private final RunEngine engine;

  public Backfill(RunEngine engine) {
    this.engine = engine;
  }

  public List<RunReport> run(
      ResolvedPipeline pipeline,
      LocalDate from,
      LocalDate to,
      int parallel,
      RunOptions options,
      Consumer<RunReport> onEach) {
    List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
    List<RunReport> reports = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
    try {
      List<Future<RunEngine.Prepared>> prepared = new ArrayList<>();
      for (LocalDate date : dates) {
        prepared.add(pool.submit(() -> engine.prepare(pipeline, date, options)));
      }
      for (int i = 0; i < dates.size(); i++) {
        RunReport report = finish(prepared.get(i), pipeline, dates.get(i));
        reports.add(report);
        onEach.accept(report);
      }
    } finally {
      pool.shutdownNow();
    }
    return reports;
  }

  private RunReport finish(
      Future<RunEngine.Prepared> future, ResolvedPipeline pipeline, LocalDate date) {
    try (RunEngine.Prepared prepared = future.get()) {
      return prepared.finish();
    } catch (ExecutionException e) {
      // e.g. another worker holds the date's lock: report it with the date and go on with the
      // others
      EtlxException failure =
          e.getCause() instanceof EtlxException etlx
              ? etlx
              : new EtlxException(
                  ErrorCode.INTERNAL,
                  "internal error: " + e.getCause().getClass().getName(),
                  e.getCause());
      RunKey key = new RunKey(pipeline.pipeline().name(), pipeline.environment().name(), date);
      return RunReport.notStarted(key, engine.clock().instant(), failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(ErrorCode.INTERNAL, "backfill interrupted", e);
    }
  }
}
