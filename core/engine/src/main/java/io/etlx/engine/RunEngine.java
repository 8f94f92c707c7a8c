package io.etlx.engine;

import io.etlx.error.EtlxException;
import io.etlx.spec.PipelineSpec;
import io.etlx.spi.RawManifest;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StateStore;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.List;

/**
 * Turns a validated pipeline into idempotent stage executions for one logical date: extract →
 * transform → load → notify, each skipped while its inputs are those of its last success. Holds the
 * run's lock throughout, so two workers never run the same pipeline, environment and date.
 */
public final class RunEngine {
  private final EnvironmentSession session;
  private final EngineSettings settings;

  public RunEngine(EnvironmentSession session, EngineSettings settings) {
    this.session = session;
    this.settings = settings;
  }

  java.time.Clock clock() {
    return settings.clock();
  }

  public RunReport run(ResolvedPipeline resolved, LocalDate date, RunOptions options) {
    try (Prepared prepared = prepare(resolved, date, options)) {
      return prepared.finish();
    }
  }

  /**
   * Takes the lock and runs extract and transform; {@link Prepared#finish} runs load and notify.
   * Split so a backfill can prepare dates in parallel and load them one at a time.
   */
  public Prepared prepare(ResolvedPipeline resolved, LocalDate date, RunOptions options) {
    PipelineSpec pipeline = resolved.pipeline();
    RunKey key = new RunKey(pipeline.name(), resolved.environment().name(), date);
    RunContext ctx =
        new RunContext(
            key,
            pipeline,
            session,
            options,
            Fingerprints.of(resolved.tree(), resolved.environment()),
            settings,
            resolved.upstreams());
    try (LogFields fields = ctx.logFields()) {
      StateStore.RunLock lock;
      try {
        lock = session.state().lock(key);
      } catch (EtlxException e) {
        // the run cannot even start (another worker holds the date, the state store is down): the
        // alert must still go out, and it needs nothing from the state store
        NotifyStage.failure(ctx, e);
        throw e;
      }
      Prepared prepared = new Prepared(ctx, lock, resolved.upstreams());
      prepared.extractAndTransform();
      return prepared;
    }
  }

  /** A run whose extract and transform are done (or failed); holds the run lock until closed. */
  public static final class Prepared implements AutoCloseable {
    private final RunContext ctx;
    private final StateStore.RunLock lock;
    private final List<PipelineSpec> upstreams;
    private RawManifest raw;
    private TransformStage.Rows rows;
    private EtlxException failure;

    private Prepared(RunContext ctx, StateStore.RunLock lock, List<PipelineSpec> upstreams) {
      this.ctx = ctx;
      this.lock = lock;
      this.upstreams = upstreams;
    }

    private void extractAndTransform() {
      Stage stage = Stage.EXTRACT;
      try {
        // nothing of this date is done before every pipeline it depends on has loaded the date
        ctx.upstreams =
            Upstreams.await(
                ctx.session,
                upstreams,
                ctx.key,
                ctx.options.waitForUpstream(),
                Upstreams.Sleeper.REAL);
        lock.check();
        raw = ExtractStage.run(ctx);
        stage = Stage.TRANSFORM;
        lock.check();
        rows = TransformStage.run(ctx, raw);
      } catch (EtlxException e) {
        fail(stage, e);
      }
    }

    /** Loads and notifies (or reports the earlier failure); returns what the run did. */
    public RunReport finish() {
      try (LogFields fields = ctx.logFields()) {
        return loadAndNotify();
      }
    }

    private RunReport loadAndNotify() {
      if (failure == null) {
        LoadStage.Loaded loaded = null;
        try {
          lock.check(); // the last moment to stop before writing to the warehouse
          loaded = LoadStage.run(ctx, raw, rows);
        } catch (EtlxException e) {
          fail(Stage.LOAD, e);
        }
        if (loaded != null) {
          try {
            NotifyStage.success(ctx, loaded);
          } catch (EtlxException e) {
            ctx.failed(Stage.NOTIFY, e.getMessage());
            failure = e;
          }
        }
      }
      return new RunReport(
          ctx.key, ctx.runId, ctx.startedAt, ctx.clock.instant(), ctx.reports, failure);
    }

    private void fail(Stage stage, EtlxException e) {
      ctx.failed(stage, e.getMessage());
      failure = e;
      NotifyStage.failure(ctx, stage, e);
    }

    @Override
    public void close() {
      ctx.dropEarly();
      lock.close();
    }
  }
}
