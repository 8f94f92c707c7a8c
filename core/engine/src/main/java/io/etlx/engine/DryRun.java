package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.SchemaPlan;
import io.etlx.spi.TableSpec;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code run} would do for a date, stage by stage, decided by the same {@link RerunRule} a run
 * uses, without running anything: nothing is read from the source, and nothing is written to the
 * raw store, the state store or the warehouse (which is only read: its ledger, and its catalog for
 * the DDL the load would apply first).
 */
public final class DryRun {
  private DryRun() {}

  /** One stage: whether it would run, and why (or why not). */
  public record Step(Stage stage, boolean run, String reason) {}

  /**
   * The plan for one date.
   *
   * @param ddl the statements the load would apply before loading (empty when the table is up to
   *     date), or null when the load would not run
   * @param ddlUnknown why the DDL could not be planned (the warehouse cannot be read), else null
   * @param waitsFor the pipelines of {@code depends_on} that have not loaded the date: the run
   *     would fail (or wait) before any stage
   */
  public record Plan(
      RunKey key,
      List<Step> steps,
      List<String> ddl,
      String ddlUnknown,
      List<String> load,
      List<String> waitsFor) {
    public Plan {
      waitsFor = List.copyOf(waitsFor);
    }
  }

  public static Plan of(
      EnvironmentSession session, ResolvedPipeline resolved, LocalDate date, RunOptions options) {
    RunKey key = new RunKey(resolved.pipeline().name(), resolved.environment().name(), date);
    Fingerprints fingerprints = Fingerprints.of(resolved.tree(), resolved.environment());
    int version = resolved.pipeline().transform().version();
    PartitionKey partition = new PartitionKey(key.pipeline(), date);
    List<Step> steps = new ArrayList<>();

    Optional<RawManifest> raw = manifest(session, partition, options);
    Upstreams upstreams = Upstreams.none();
    if (!resolved.upstreams().isEmpty()) {
      try {
        upstreams = Upstreams.of(session, resolved.upstreams(), date);
      } catch (EtlxException e) {
        // the warehouse cannot be read now: the plan below says so where it matters
      }
    }
    boolean extract =
        add(
            steps,
            Stage.EXTRACT,
            RerunRule.decide(
                Stage.EXTRACT,
                last(session, key, Stage.EXTRACT),
                ExtractStage.inputs(session, resolved.pipeline(), upstreams),
                new Evidence.Raw(raw),
                options));

    boolean transform =
        extract
            ? add(steps, Stage.TRANSFORM, "after the extract (skipped if the data is unchanged)")
            : add(
                steps,
                Stage.TRANSFORM,
                RerunRule.decide(
                    Stage.TRANSFORM,
                    last(session, key, Stage.TRANSFORM),
                    TransformStage.inputs(fingerprints.transform(), version, raw.orElse(null)),
                    new Evidence.Rows(TransformStage.hasRows(session.rawStore(), partition)),
                    options));

    TableSpec table = Tables.of(resolved.pipeline(), session);
    Optional<StageRun> lastLoad = last(session, key, Stage.LOAD);
    boolean load;
    if (transform) {
      load = add(steps, Stage.LOAD, "after the transform (skipped if the rows are unchanged)");
    } else {
      String rows = last(session, key, Stage.TRANSFORM).map(StageRun::outputChecksum).orElse(null);
      load =
          add(
              steps,
              Stage.LOAD,
              RerunRule.decide(
                  Stage.LOAD,
                  lastLoad,
                  LoadStage.inputs(fingerprints.load(), version, rows),
                  ledger(session, table, key, options),
                  options));
    }

    if (load) {
      add(steps, Stage.NOTIFY, "after the load");
    } else {
      add(
          steps,
          Stage.NOTIFY,
          RerunRule.decide(
              Stage.NOTIFY,
              last(session, key, Stage.NOTIFY),
              NotifyStage.inputs(version, lastLoad.map(r -> r.context().loadId()).orElse(null)),
              new Evidence.None(),
              options));
    }

    if (!load) {
      return new Plan(key, steps, null, null, List.of(), upstreams.missing());
    }
    List<String> statements = loadStatements(session, table, key, partition);
    try {
      SchemaPlan plan = session.warehouse().plan(table);
      return new Plan(
          key,
          steps,
          plan.upToDate() ? List.of() : plan.statements(),
          null,
          statements,
          upstreams.missing());
    } catch (EtlxException e) {
      return new Plan(key, steps, null, e.getMessage(), statements, upstreams.missing());
    }
  }

  /** What the load would run after the DDL, as the warehouse writes it (values not bound). */
  private static List<String> loadStatements(
      EnvironmentSession session, TableSpec table, RunKey key, PartitionKey partition) {
    java.nio.file.Path rows =
        TransformStage.rowsFile(session.rawStore(), partition)
            .orElse(java.nio.file.Path.of(TransformStage.ROWS));
    io.etlx.spi.LedgerEntry ledger =
        new io.etlx.spi.LedgerEntry(
            key.pipeline(),
            key.environment(),
            key.date(),
            "dry-run",
            null,
            null,
            null,
            0,
            java.time.Instant.EPOCH,
            null);
    try {
      return session.warehouse().describeLoad(new io.etlx.spi.LoadRequest(table, rows, ledger));
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static Optional<RawManifest> manifest(
      EnvironmentSession session, PartitionKey partition, RunOptions options) {
    try {
      return session.rawStore().manifest(partition);
    } catch (EtlxException e) {
      if (e.code() == ErrorCode.CORRUPT_DATA && options.rerun(Stage.EXTRACT)) {
        return Optional.empty(); // the run would replace it
      }
      throw e;
    }
  }

  private static Evidence.Ledger ledger(
      EnvironmentSession session, TableSpec table, RunKey key, RunOptions options) {
    if (options.rerun(Stage.LOAD)) {
      return Evidence.Ledger.unknown("forced");
    }
    try {
      return Evidence.Ledger.of(session.warehouse().ledger(table, key.pipeline(), key.date()));
    } catch (EtlxException e) {
      return Evidence.Ledger.unknown(e.getMessage());
    }
  }

  private static Optional<StageRun> last(EnvironmentSession session, RunKey key, Stage stage) {
    return session.state().last(key.stage(stage));
  }

  private static boolean add(List<Step> steps, Stage stage, RerunRule.Decision decision) {
    steps.add(new Step(stage, decision.run(), decision.reason()));
    return decision.run();
  }

  private static boolean add(List<Step> steps, Stage stage, String reason) {
    steps.add(new Step(stage, true, reason));
    return true;
  }
}
