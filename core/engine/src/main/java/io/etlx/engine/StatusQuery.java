package io.etlx.engine;

import io.etlx.error.EtlxException;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.TableSpec;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The latest execution of every stage of a pipeline in one environment, each with a note saying why
 * a rerun would run it again — decided by the same {@link RerunRule} a run uses. The load is judged
 * by the warehouse's ledger when the warehouse can be reached, else by the state store alone (and
 * says so).
 */
public final class StatusQuery {
  private StatusQuery() {}

  public static List<StageStatusRow> of(
      EnvironmentSession session, ResolvedPipeline resolved, LocalDate only) {
    Fingerprints fingerprints = Fingerprints.of(resolved.tree(), resolved.environment());
    List<StageRun> runs =
        session.state().latest(resolved.pipeline().name(), resolved.environment().name()).stream()
            .filter(run -> only == null || only.equals(run.key().run().date()))
            .toList();
    Ledger ledger = Ledger.read(session, resolved, runs);
    Map<LocalDate, Map<Stage, StageRun>> byDate = new HashMap<>();
    runs.forEach(
        run ->
            byDate
                .computeIfAbsent(run.key().run().date(), d -> new HashMap<>())
                .put(run.key().stage(), run));
    List<StageStatusRow> rows = new ArrayList<>();
    for (StageRun run : runs) {
      RerunRule.Decision decision =
          decide(session, resolved, fingerprints, run, byDate.get(run.key().run().date()), ledger);
      rows.add(
          new StageStatusRow(
              run,
              decision.run() || decision.why() == RerunRule.Why.ADOPTED ? decision.reason() : "",
              sourceState(session, run)));
    }
    return rows;
  }

  /** The state an incremental extract read up to, from its raw manifest; null for others. */
  private static String sourceState(EnvironmentSession session, StageRun run) {
    if (run.key().stage() != Stage.EXTRACT) {
      return null;
    }
    try {
      return session
          .rawStore()
          .manifest(new PartitionKey(run.key().run().pipeline(), run.key().run().date()))
          .map(RawManifest::sourceState)
          .orElse(null);
    } catch (EtlxException e) {
      return null; // a damaged manifest is reported by the extract's own note
    }
  }

  private static RerunRule.Decision decide(
      EnvironmentSession session,
      ResolvedPipeline resolved,
      Fingerprints fingerprints,
      StageRun run,
      Map<Stage, StageRun> stages,
      Ledger ledger) {
    try {
      return decideChecked(session, resolved, fingerprints, run, stages, ledger);
    } catch (EtlxException e) {
      if (e.code() != io.etlx.error.ErrorCode.CORRUPT_DATA) {
        throw e;
      }
      return new RerunRule.Decision(true, RerunRule.Why.STALE, e.getMessage(), null);
    }
  }

  private static RerunRule.Decision decideChecked(
      EnvironmentSession session,
      ResolvedPipeline resolved,
      Fingerprints fingerprints,
      StageRun run,
      Map<Stage, StageRun> stages,
      Ledger ledger) {
    LocalDate date = run.key().run().date();
    int version = resolved.pipeline().transform().version();
    PartitionKey partition = new PartitionKey(run.key().run().pipeline(), date);
    Optional<StageRun> last = Optional.of(run);
    return switch (run.key().stage()) {
      case EXTRACT ->
          RerunRule.decide(
              Stage.EXTRACT,
              last,
              ExtractStage.inputs(
                  session, resolved.pipeline(), upstreams(session, resolved, date, ledger)),
              new Evidence.Raw(session.rawStore().manifest(partition)),
              RunOptions.DEFAULT);
      case TRANSFORM -> {
        RawManifest raw = session.rawStore().manifest(partition).orElse(null);
        yield RerunRule.decide(
            Stage.TRANSFORM,
            last,
            TransformStage.inputs(fingerprints.transform(), version, raw),
            new Evidence.Rows(TransformStage.hasRows(session.rawStore(), partition)),
            RunOptions.DEFAULT);
      }
      case LOAD -> {
        StageRun transform = stages.get(Stage.TRANSFORM);
        String rows = transform == null ? null : transform.outputChecksum();
        yield RerunRule.decide(
            Stage.LOAD,
            last,
            LoadStage.inputs(fingerprints.load(), version, rows),
            ledger.of(date),
            RunOptions.DEFAULT);
      }
      case NOTIFY -> {
        StageRun load = stages.get(Stage.LOAD);
        yield RerunRule.decide(
            Stage.NOTIFY,
            last,
            NotifyStage.inputs(version, load == null ? null : load.context().loadId()),
            new Evidence.None(),
            RunOptions.DEFAULT);
      }
    };
  }

  /**
   * For a SQL model, the loads of its upstreams now, so a date whose upstream loaded again shows as
   * stale; none when the warehouse is not consulted.
   */
  private static Upstreams upstreams(
      EnvironmentSession session, ResolvedPipeline resolved, LocalDate date, Ledger ledger) {
    if (ledger.notConsulted() != null || !Upstreams.isModel(resolved.pipeline())) {
      return Upstreams.none();
    }
    try {
      return Upstreams.of(session, resolved.upstreams(), date);
    } catch (EtlxException e) {
      return Upstreams.none();
    }
  }

  /** The warehouse's ledger of the pipeline's table, read once; or why it could not be. */
  private record Ledger(Map<LocalDate, LedgerEntry> entries, String notConsulted) {
    static Ledger read(EnvironmentSession session, ResolvedPipeline resolved, List<StageRun> runs) {
      if (runs.stream().noneMatch(run -> run.key().stage() == Stage.LOAD)) {
        return new Ledger(Map.of(), "no load recorded");
      }
      try {
        TableSpec table = Tables.of(resolved.pipeline(), session);
        return new Ledger(
            session.warehouse().ledger(table, resolved.pipeline().name()).stream()
                .collect(Collectors.toMap(LedgerEntry::date, Function.identity())),
            null);
      } catch (EtlxException e) {
        return new Ledger(Map.of(), e.getMessage());
      }
    }

    Evidence.Ledger of(LocalDate date) {
      return notConsulted != null
          ? Evidence.Ledger.unknown(notConsulted)
          : Evidence.Ledger.of(Optional.ofNullable(entries.get(date)));
    }
  }
}
