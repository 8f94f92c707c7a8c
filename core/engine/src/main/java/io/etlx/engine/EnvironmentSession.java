package io.etlx.engine;

import io.etlx.interpolate.Interpolator;
import io.etlx.lineage.Lineage;
import io.etlx.lineage.PluginDatasets;
import io.etlx.lineage.StageListener;
import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.Notifier;
import io.etlx.spi.NotifierPlugin;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import io.etlx.spi.StatePlugin;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehousePlugin;
import io.etlx.state.RunKey;
import io.etlx.state.StateStore;
import io.etlx.warehouse.TargetSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The plug-ins of one environment, opened once per command: raw store and state store at once, the
 * warehouse only when a load needs it (DuckDB allows one writing process per file).
 */
public final class EnvironmentSession implements AutoCloseable {
  private final PluginRegistry registry;
  private final EnvironmentSpec environment;
  private final Path projectDir;
  private final Interpolator interpolator;
  private final Clock clock;
  private final WorkArea work;
  private final RawStore rawStore;
  private final StateStore state;
  private final String schema;
  private Warehouse warehouse;
  private Lineage lineage;

  public EnvironmentSession(
      PluginRegistry registry,
      EnvironmentSpec environment,
      Path projectDir,
      Map<String, String> processEnv) {
    this(registry, environment, projectDir, processEnv, Clock.systemUTC());
  }

  /**
   * @param clock the engine's clock, handed to every plug-in
   */
  public EnvironmentSession(
      PluginRegistry registry,
      EnvironmentSpec environment,
      Path projectDir,
      Map<String, String> processEnv,
      Clock clock) {
    this.registry = registry;
    this.environment = environment;
    this.projectDir = projectDir;
    this.clock = clock;
    this.interpolator = Interpolator.withoutDate(environment.vars(), processEnv);
    this.work = WorkArea.open(projectDir.resolve(interpolator.resolve(environment.workDir())));
    PluginContext context = new PluginSetup(projectDir, interpolator, clock, work.dir());
    this.schema = TargetSchema.resolve(environment, interpolator);
    this.rawStore =
        plugin(PluginKind.RAW_STORE, environment.rawStore(), RawStorePlugin.class)
            .open(environment.rawStore().plain(), context);
    this.state =
        plugin(PluginKind.STATE, environment.state(), StatePlugin.class)
            .open(environment.state().plain(), context);
  }

  public EnvironmentSpec environment() {
    return environment;
  }

  /** The environment's target schema, resolved (e.g. {@code alice_dev}). */
  public String schema() {
    return schema;
  }

  /** This process's folder for temporary files. */
  public WorkArea work() {
    return work;
  }

  public RawStore rawStore() {
    return rawStore;
  }

  public StateStore state() {
    return state;
  }

  /**
   * The environment's warehouse, opened on first use; one call at a time, whichever thread of the
   * command makes it.
   */
  public synchronized Warehouse warehouse() {
    if (warehouse == null) {
      warehouse =
          new SerializedWarehouse(
              plugin(PluginKind.WAREHOUSE, environment.warehouse(), WarehousePlugin.class)
                  .open(
                      environment.warehouse().plain(),
                      new PluginSetup(projectDir, interpolator, clock, work.dir())));
    }
    return warehouse;
  }

  /**
   * A short hash of a SQL model's query as it would run ({@link io.etlx.model.ModelQuery#hash}),
   * its {@code file:} resolved against the project directory.
   */
  String modelQueryHash(PipelineSpec pipeline) {
    return io.etlx.model.ModelQuery.hash(
        pipeline.source().plain(), file -> projectDir.resolve(interpolator.resolve(file)));
  }

  /** What a source that reads the warehouse itself (a SQL model) is given. */
  private final PluginContext.Target target =
      new PluginContext.Target() {
        @Override
        public Warehouse warehouse() {
          return EnvironmentSession.this.warehouse();
        }

        @Override
        public String schema() {
          return schema;
        }
      };

  /**
   * What the stages of one run report to lineage: nothing without a {@code lineage:} block. Opened
   * by the first run, so commands that run no stage never resolve its settings.
   */
  synchronized StageListener listener(
      RunKey key, String runId, PipelineSpec pipeline, List<PipelineSpec> upstreams) {
    if (environment.lineage() == null) {
      return StageListener.NONE;
    }
    if (lineage == null) {
      lineage =
          Lineage.open(
              environment.lineage(),
              interpolator,
              projectDir,
              new PluginDatasets(
                  plugin(PluginKind.RAW_STORE, environment.rawStore(), RawStorePlugin.class),
                  environment.rawStore().plain(),
                  plugin(PluginKind.WAREHOUSE, environment.warehouse(), WarehousePlugin.class),
                  environment.warehouse().plain(),
                  new PluginSetup(projectDir, interpolator, clock, work.dir()),
                  rawStore));
    }
    return lineage.run(
        key, runId, pipeline, schema, Upstreams.isModel(pipeline) ? upstreams : List.of());
  }

  Interpolator interpolator(LocalDate date) {
    return interpolator.forDate(date);
  }

  Source source(PluginSpec spec, LocalDate date) {
    return plugin(PluginKind.SOURCE, spec, SourcePlugin.class)
        .open(
            spec.plain(),
            new PluginSetup(projectDir, interpolator.forDate(date), clock, work.dir(), target));
  }

  Notifier notifier(PluginSpec spec, LocalDate date) {
    return plugin(PluginKind.NOTIFIER, spec, NotifierPlugin.class)
        .open(
            spec.plain(),
            new PluginSetup(projectDir, interpolator.forDate(date), clock, work.dir()));
  }

  private <T extends io.etlx.spi.Plugin> T plugin(PluginKind kind, PluginSpec spec, Class<T> as) {
    return registry.get(kind, spec.type(), as);
  }

  @Override
  public void close() {
    if (lineage != null) {
      lineage.close();
    }
    if (warehouse != null) {
      warehouse.close();
    }
    rawStore.close();
    state.close();
    work.close();
  }
}
