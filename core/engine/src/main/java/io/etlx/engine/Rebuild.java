package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.RawManifest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StateStore;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rebuilds a table from raw data only — never the source: transform + load of every date of the
 * range into a shadow table, then one atomic swap, so readers see the old table or the new one,
 * never a half-built one. Each date's transform and load are ordinary stage executions, recorded by
 * the same runner as a run's; the ledger rows move with the swap, so what the state records and
 * what the warehouse holds agree (and if the swap fails, the next run sees from the ledger that the
 * table holds other loads). Refuses when a date has no raw data, or when the table holds loads
 * outside the range (the rebuilt table would silently lose them).
 */
public final class Rebuild {
  /**
   * Transform runs when stale (the spec may have changed); the load always runs, into the shadow
   * table.
   */
  private static final RunOptions REPLAY = new RunOptions(Stage.LOAD, false, false);

  private final EnvironmentSession session;
  private final EngineSettings settings;

  public Rebuild(EnvironmentSession session, EngineSettings settings) {
    this.session = session;
    this.settings = settings;
  }

  /**
   * Rebuilds; reports each date's stages to {@code onDate}; returns the rows in the rebuilt table.
   */
  public long run(
      ResolvedPipeline resolved, LocalDate from, LocalDate to, Consumer<StageReport> onDate) {
    String pipeline = resolved.pipeline().name();
    TableSpec table = Tables.of(resolved.pipeline(), session);
    List<LocalDate> dates = from.datesUntil(to.plusDays(1)).toList();
    checkCoverage(pipeline, table, dates, from, to);
    Warehouse warehouse = session.warehouse();
    warehouse.checkReplace(table);
    TableSpec shadow = table.named(shadowName(table.table()));
    List<StateStore.RunLock> locks = new ArrayList<>();
    locks.add(wholePipeline(pipeline, resolved.environment().name()));
    warehouse.drop(shadow); // what a rebuild that died left behind
    long rows = 0;
    try {
      // every date stays locked until the swap, so no run of them can commit into the table being
      // replaced
      for (LocalDate date : dates) {
        locks.add(session.state().lock(new RunKey(pipeline, resolved.environment().name(), date)));
        rows += rebuildDate(resolved, shadow, date, onDate);
      }
      warehouse.replace(table, shadow.table());
    } catch (RuntimeException e) {
      warehouse.drop(shadow);
      throw e;
    } finally {
      locks.forEach(StateStore.RunLock::close);
    }
    return rows;
  }

  private StateStore.RunLock wholePipeline(String pipeline, String environment) {
    try {
      return session.state().lockPipeline(pipeline, environment);
    } catch (EtlxException e) {
      if (e.code() != ErrorCode.ALREADY_RUNNING) {
        throw e;
      }
      throw new EtlxException(
          ErrorCode.ALREADY_RUNNING,
          "a rebuild of "
              + pipeline
              + " ("
              + environment
              + ") is already running in another process; wait for it to finish",
          e);
    }
  }

  /**
   * Removes the shadow table a rebuild left when its process died, if no rebuild of the pipeline is
   * running now; best effort: a run never fails because of it.
   */
  static void removeAbandonedShadow(EnvironmentSession session, RunContext ctx, TableSpec table) {
    try (StateStore.RunLock whole =
        session.state().lockPipeline(ctx.key.pipeline(), ctx.key.environment())) {
      session.warehouse().drop(table.named(shadowName(table.table())));
    } catch (EtlxException e) {
      // a rebuild is running (its shadow is in use), or the warehouse is busy: try next time
    }
  }

  static String shadowName(String table) {
    return table + "__etlx_rebuild";
  }

  private void checkCoverage(
      String pipeline, TableSpec table, List<LocalDate> dates, LocalDate from, LocalDate to) {
    List<LocalDate> available = session.rawStore().dates(pipeline);
    List<LocalDate> missing = dates.stream().filter(d -> !available.contains(d)).toList();
    if (!missing.isEmpty()) {
      throw new EtlxException(
          ErrorCode.NO_RAW_DATA,
          "no raw data for "
              + pipeline
              + " on "
              + summary(missing)
              + "; extract those dates first (etlx backfill) or narrow --from/--to");
    }
    List<LocalDate> outside =
        session.warehouse().ledger(table, pipeline).stream()
            .map(LedgerEntry::date)
            .filter(d -> d.isBefore(from) || d.isAfter(to))
            .toList();
    if (!outside.isEmpty()) {
      throw new EtlxException(
          ErrorCode.REBUILD_REFUSED,
          table.schema()
              + "."
              + table.table()
              + " holds loads of "
              + pipeline
              + " for dates outside "
              + from
              + ".."
              + to
              + " ("
              + summary(outside)
              + "); a rebuild replaces the whole table,"
              + " so give a range that covers them");
    }
  }

  private long rebuildDate(
      ResolvedPipeline resolved, TableSpec shadow, LocalDate date, Consumer<StageReport> onDate) {
    RunKey key = new RunKey(resolved.pipeline().name(), resolved.environment().name(), date);
    RunContext ctx =
        new RunContext(
            key,
            resolved.pipeline(),
            session,
            REPLAY,
            Fingerprints.of(resolved.tree(), resolved.environment()),
            settings);
    RawManifest raw = session.rawStore().manifest(ctx.partition()).orElseThrow();
    TransformStage.Rows rows = TransformStage.run(ctx, raw);
    LoadStage.Loaded loaded = LoadStage.run(ctx, raw, rows, shadow);
    ctx.reports.forEach(
        report ->
            onDate.accept(
                report.stage() == Stage.LOAD
                    ? new StageReport(
                        Stage.LOAD,
                        report.action(),
                        report.rows(),
                        date + " into the shadow table: " + report.note())
                    : report));
    return loaded.rows();
  }

  private static String summary(List<LocalDate> dates) {
    return dates.size() <= 5
        ? dates.toString()
        : dates.subList(0, 5) + " and " + (dates.size() - 5) + " more";
  }
}
