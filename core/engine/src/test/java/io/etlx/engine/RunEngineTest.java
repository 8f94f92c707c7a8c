package io.etlx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.engine.StageReport.Action;
import io.etlx.spi.DataCheck;
import io.etlx.spi.Plugin;
import io.etlx.spi.PluginRegistry;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.file.FileStatePlugin;
import io.etlx.validate.ResolvedPipeline;
import io.etlx.validate.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's rules over the real file state store, with a source, raw store, warehouse and
 * notifier in memory: which stage runs or is skipped on a rerun, and that the warehouse's ledger —
 * not the state store's memory — decides whether a load is applied.
 */
class RunEngineTest {
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);
  private static final LocalDate DEC_2 = LocalDate.of(2020, 12, 2);
  private static final String PIPELINE =
      """
      pipeline: p
      source: {type: fake}
      transform:
        columns:
          day: {from: logical_date, type: date}
          code: {from: code, type: string}
          amount: {from: amount, type: "decimal(10,2)"}
      primary_key: [day, code]
      sink: {table: t, mode: upsert}
      notify:
        - {type: fake, on: [success]}
      """;

  @TempDir Path dir;
  private FakeWorld world;
  private PluginRegistry registry;

  @BeforeEach
  void project() throws IOException {
    world = new FakeWorld(Files.createDirectories(dir.resolve("artifacts")));
    List<Plugin> plugins = new ArrayList<>(world.plugins());
    plugins.add(new FileStatePlugin());
    registry = new PluginRegistry(plugins);
    Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(dir.resolve("environments"));
    writeSpec(PIPELINE);
    Files.writeString(
        dir.resolve("environments/dev.yaml"),
        "warehouse: {type: fake}\n"
            + "schema: s\n"
            + "raw_store: {type: fake}\n"
            + "state: {type: file, path: state}\n");
    world.source.put(DEC_1, Map.of("A", "1.00", "B", "2.00"));
  }

  @Test
  void aRerunOfACompleteDateSkipsEveryStage() {
    run(RunOptions.DEFAULT);
    RunReport again = run(RunOptions.DEFAULT);

    assertThat(again.stages()).extracting(StageReport::action).containsOnly(Action.SKIPPED);
    assertThat(again.stages())
        .extracting(StageReport::note)
        .containsExactly(
            again.stages().get(0).note(),
            "unchanged raw data and spec",
            "unchanged rows and spec",
            "already notified for this load");
    assertThat(world.extracts).isEqualTo(1);
    assertThat(world.loadsApplied).isEqualTo(1);
    assertThat(world.sent).hasSize(1);
  }

  @Test
  void aChangedSpecMakesTransformAndLoadStaleButNeverExtractsAgain() throws IOException {
    run(RunOptions.DEFAULT);
    writeSpec(PIPELINE.replace("decimal(10,2)", "decimal(12,3)"));
    RunReport again = run(RunOptions.DEFAULT);

    assertThat(actions(again)).containsExactly(Action.SKIPPED, Action.RAN, Action.RAN, Action.RAN);
    assertThat(again.stages().get(1).note())
        .isEqualTo("stale: transform spec changed since it last ran");
    assertThat(world.extracts).isEqualTo(1);
    assertThat(world.table.get(DEC_1)).containsEntry("A", "1.000");
  }

  @Test
  void changedChecksReachTheNextLoadButMakeNothingStaleUnlessTheyQuarantine() throws IOException {
    world.source.put(DEC_2, Map.of("A", "1.00"));
    run(RunOptions.DEFAULT);
    String checked =
        PIPELINE
            .replace(
                "amount: {from: amount, type: \"decimal(10,2)\"}",
                "amount: {from: amount, type: \"decimal(10,2)\", checks: {min: 0, max: {value:"
                    + " 1e3, severity: warn}}}")
            .replace("primary_key:", "checks: {min_rows: 1}\nprimary_key:");
    writeSpec(checked);
    RunReport again = run(RunOptions.DEFAULT);
    run(DEC_2, RunOptions.DEFAULT);

    assertThat(actions(again)).containsOnly(Action.SKIPPED);
    assertThat(world.loadedTable.checks())
        .containsExactly(
            new DataCheck.Min("amount", "0.00", DataCheck.Severity.ERROR),
            new DataCheck.Max("amount", "1000.00", DataCheck.Severity.WARN),
            new DataCheck.MinRows(1, DataCheck.Severity.ERROR));

    writeSpec(checked.replace("min: 0,", "min: {value: 0, severity: quarantine},"));
    RunReport quarantined = run(RunOptions.DEFAULT);

    assertThat(actions(quarantined))
        .containsExactly(Action.SKIPPED, Action.SKIPPED, Action.RAN, Action.RAN);
    assertThat(quarantined.stages().get(2).note()).startsWith("stale: load spec changed");
  }

  @Test
  void aLoadWhoseCommitsAnswerWasLostIsNotAppliedAgain() {
    world.loseNextCommit = true;
    RunReport failed = run(RunOptions.DEFAULT);
    assertThat(failed.succeeded()).isFalse();
    assertThat(last(Stage.LOAD).status()).isEqualTo(StageStatus.FAILED);

    RunReport rerun = run(RunOptions.DEFAULT);

    assertThat(rerun.succeeded()).isTrue();
    assertThat(world.loadsApplied).isEqualTo(1);
    assertThat(rerun.stages().get(2).note())
        .startsWith("committed by the last attempt though it reported a failure");
    assertThat(last(Stage.LOAD).status()).isEqualTo(StageStatus.SUCCEEDED);
    assertThat(last(Stage.LOAD).context().loadId())
        .isEqualTo(world.ledgers.get("t").get(DEC_1).loadId());
  }

  @Test
  void aLoadThatFailedBeforeItsCommitIsAppliedOnTheRerun() {
    world.failNextLoad = true;
    assertThat(run(RunOptions.DEFAULT).succeeded()).isFalse();

    RunReport rerun = run(RunOptions.DEFAULT);

    assertThat(rerun.succeeded()).isTrue();
    assertThat(world.loadsApplied).isEqualTo(1);
    assertThat(world.table.get(DEC_1)).containsEntry("A", "1.00");
  }

  @Test
  void aRevertedSpecIsLoadedAgainEvenThoughAnIdenticalLoadCommittedBefore() throws IOException {
    run(RunOptions.DEFAULT); // spec A
    writeSpec(PIPELINE.replace("decimal(10,2)", "decimal(12,3)"));
    run(RunOptions.DEFAULT); // spec B
    writeSpec(PIPELINE); // back to A; its load dies before the commit
    world.failNextLoad = true;
    assertThat(run(RunOptions.DEFAULT).succeeded()).isFalse();

    RunReport rerun = run(RunOptions.DEFAULT);

    assertThat(actions(rerun))
        .containsExactly(Action.SKIPPED, Action.SKIPPED, Action.RAN, Action.RAN);
    assertThat(world.table.get(DEC_1)).containsEntry("A", "1.00");
    assertThat(world.loadsApplied).isEqualTo(3);
  }

  @Test
  void aDroppedTableIsLoadedAgainThoughTheStateSaysSucceeded() {
    run(RunOptions.DEFAULT);
    world.table = null; // DROP TABLE by hand

    RunReport rerun = run(RunOptions.DEFAULT);

    assertThat(rerun.stages().get(2).action()).isEqualTo(Action.RAN);
    assertThat(rerun.stages().get(2).note()).startsWith("the warehouse holds no load of this date");
    assertThat(world.table.get(DEC_1)).hasSize(2);
  }

  @Test
  void aLostStateStoreNeitherLoadsNorNotifiesAgain() throws IOException {
    run(RunOptions.DEFAULT);
    deleteRecursively(dir.resolve("state"));

    RunReport rerun = run(RunOptions.DEFAULT);

    assertThat(world.loadsApplied).isEqualTo(1);
    assertThat(rerun.stages().get(2).note())
        .startsWith("the warehouse already holds these rows under this spec");
    assertThat(last(Stage.LOAD).status()).isEqualTo(StageStatus.SUCCEEDED);
    assertThat(rerun.stages().get(3).note())
        .startsWith("the load was committed by a run this state store has no record");
    assertThat(world.sent).hasSize(1);
    assertThat(run(RunOptions.DEFAULT).stages())
        .extracting(StageReport::action)
        .containsOnly(Action.SKIPPED);
  }

  @Test
  void aFailedNotificationIsRetriedAloneAndTheLoadStaysDone() {
    world.notifierDown = true;
    RunReport failed = run(RunOptions.DEFAULT);
    assertThat(failed.succeeded()).isFalse();
    assertThat(actions(failed)).containsExactly(Action.RAN, Action.RAN, Action.RAN, Action.FAILED);

    world.notifierDown = false;
    RunReport rerun = run(RunOptions.DEFAULT);

    assertThat(actions(rerun))
        .containsExactly(Action.SKIPPED, Action.SKIPPED, Action.SKIPPED, Action.RAN);
    assertThat(world.loadsApplied).isEqualTo(1);
    assertThat(world.sent).hasSize(1);
  }

  @Test
  void forceRerunsTransformLoadAndNotifyButNotExtract() {
    run(RunOptions.DEFAULT);
    RunReport forced = run(new RunOptions(null, true, false));

    assertThat(actions(forced)).containsExactly(Action.SKIPPED, Action.RAN, Action.RAN, Action.RAN);
    assertThat(world.extracts).isEqualTo(1);
    assertThat(world.loadsApplied).isEqualTo(2);
  }

  @Test
  void anIncrementalSourceResumesFromTheStateItsLastCommittedLoadCarried() {
    world.incremental = true;
    LocalDate dec2 = DEC_1.plusDays(1);
    LocalDate dec3 = DEC_1.plusDays(2);
    world.source.put(dec2, Map.of("C", "3.00"));
    world.source.put(dec3, Map.of("D", "4.00"));

    run(DEC_1, RunOptions.DEFAULT);
    world.failNextLoad = true;
    assertThat(run(dec2, RunOptions.DEFAULT).succeeded())
        .isFalse(); // extracted (state C), not committed
    run(dec3, RunOptions.DEFAULT);

    // Dec 2 saw Dec 1's committed state; Dec 3 too, since Dec 2's state was never committed
    assertThat(world.statesSeen).containsExactly(null, "B", "B");
    assertThat(world.ledgers.get("t").get(dec3).sourceState()).isEqualTo("D");
  }

  @Test
  void aRawPartitionReplacedSinceItWasExtractedIsNeverLoaded() throws IOException {
    run(RunOptions.DEFAULT);
    PartitionKeyBytes.replace(world, DEC_1, "{\"code\":\"A\",\"amount\":\"9.99\"}\n");

    RunReport forced = run(new RunOptions(null, true, false));

    assertThat(forced.failure().code()).isEqualTo(io.etlx.error.ErrorCode.CORRUPT_DATA);
    assertThat(forced.failure().getMessage())
        .contains("the raw copy was replaced or damaged", "--re-extract");
    assertThat(world.table.get(DEC_1)).containsEntry("A", "1.00");
  }

  @Test
  void aTruncatedRawPartitionNamesReExtractAndIsNotRetried() {
    run(RunOptions.DEFAULT);
    byte[] raw = world.rawRecords.values().iterator().next();
    world.rawRecords.replaceAll((k, v) -> java.util.Arrays.copyOf(raw, raw.length / 2));

    RunReport forced = run(new RunOptions(null, true, false));

    assertThat(forced.failure().code()).isEqualTo(io.etlx.error.ErrorCode.CORRUPT_DATA);
    assertThat(forced.failure().code().retryable()).isFalse();
    assertThat(forced.failure().getMessage()).contains("damaged", "--re-extract");
  }

  @Test
  void aRowsFileReplacedSinceItsTransformIsNeverLoaded() throws IOException {
    run(RunOptions.DEFAULT);
    Path rows = world.artifacts.values().iterator().next();
    RowsFileBytes.write(rows, "day,code,amount\n\"2020-12-01\",\"A\",\"9.99\"\n");

    RunReport reload = run(new RunOptions(Stage.LOAD, false, false));

    assertThat(reload.failure().code()).isEqualTo(io.etlx.error.ErrorCode.CORRUPT_DATA);
    assertThat(reload.failure().getMessage()).contains("--from-stage transform");
    assertThat(world.table.get(DEC_1)).containsEntry("A", "1.00");
  }

  @Test
  void runningOutOfMemoryFailsTheStageCleanlyAndSaysWhatToDo() {
    world.outOfMemory = true;

    RunReport failed = run(RunOptions.DEFAULT);

    assertThat(failed.failure().code()).isEqualTo(io.etlx.error.ErrorCode.OUT_OF_MEMORY);
    assertThat(failed.failure().getMessage()).contains("ran out of memory", "ETLX_JAVA_OPTS=-Xmx");
    assertThat(last(Stage.EXTRACT).status()).isEqualTo(StageStatus.FAILED);
    world.outOfMemory = false;
    assertThat(run(RunOptions.DEFAULT).succeeded()).isTrue();
  }

  @Test
  void aForcedRerunThatFailsLeavesPlainRunsSkippingOverThePreviousResult() {
    run(RunOptions.DEFAULT);
    world.readOnlyRaw = true;
    assertThat(run(new RunOptions(null, true, false)).succeeded()).isFalse();

    RunReport plain = run(RunOptions.DEFAULT);

    assertThat(plain.succeeded()).as(String.valueOf(plain.failure())).isTrue();
    assertThat(plain.stages().get(1).note()).contains("the result before it stands");
    assertThat(actions(plain)).containsOnly(Action.SKIPPED);
  }

  @Test
  void aRunThatCannotStartStillAlerts() throws IOException {
    writeSpec(PIPELINE.replace("on: [success]", "on: [success, failure]"));
    ResolvedPipeline resolved = resolve();
    try (EnvironmentSession other = session(resolved);
        var held = other.state().lock(new RunKey("p", "dev", DEC_1))) {
      Throwable refused =
          org.assertj.core.api.Assertions.catchThrowable(() -> run(RunOptions.DEFAULT));

      assertThat(((io.etlx.error.EtlxException) refused).code())
          .isEqualTo(io.etlx.error.ErrorCode.ALREADY_RUNNING);
    }
    assertThat(world.sent).hasSize(1);
    assertThat(world.sent.get(0).failedStage()).isEqualTo("start");
    assertThat(world.sent.get(0).error()).contains("already running");
  }

  @Test
  void statusSaysWhatTheNextRunWouldDoWithTheSameRule() throws IOException {
    run(RunOptions.DEFAULT);
    world.table = null;
    writeSpec(PIPELINE.replace("decimal(10,2)", "decimal(12,3)"));

    ResolvedPipeline resolved = resolve();
    try (EnvironmentSession session = session(resolved)) {
      List<StageStatusRow> rows = StatusQuery.of(session, resolved, DEC_1);
      assertThat(rows)
          .extracting(StageStatusRow::note)
          .containsExactly(
              "",
              "stale: transform spec changed since it last ran",
              "stale: load spec changed since it last ran",
              "");
    }
  }

  private RunReport run(RunOptions options) {
    return run(DEC_1, options);
  }

  private RunReport run(LocalDate date, RunOptions options) {
    ResolvedPipeline resolved = resolve();
    try (EnvironmentSession session = session(resolved)) {
      EngineSettings settings = new EngineSettings(0, Duration.ZERO, Clock.systemUTC());
      return new RunEngine(session, settings).run(resolved, date, options);
    }
  }

  private ResolvedPipeline resolve() {
    return new Workspace(dir, registry, Map.of()).resolve("p", "dev");
  }

  private EnvironmentSession session(ResolvedPipeline resolved) {
    return new EnvironmentSession(registry, resolved.environment(), dir, Map.of());
  }

  private StageRun last(Stage stage) {
    ResolvedPipeline resolved = resolve();
    try (EnvironmentSession session = session(resolved)) {
      return session.state().last(new RunKey("p", "dev", DEC_1).stage(stage)).orElseThrow();
    }
  }

  private static List<Action> actions(RunReport report) {
    return report.stages().stream().map(StageReport::action).toList();
  }

  private void writeSpec(String yaml) throws IOException {
    Files.writeString(dir.resolve("pipelines/p.yaml"), yaml);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Replaces a raw partition's records with other, valid gzip NDJSON. */
  private static final class PartitionKeyBytes {
    static void replace(FakeWorld world, LocalDate date, String ndjson) throws IOException {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
        gzip.write(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      world.rawRecords.replaceAll(
          (key, old) -> key.date().equals(date) ? bytes.toByteArray() : old);
    }
  }

  /** Writes a rows file by hand, as someone replacing it would. */
  private static final class RowsFileBytes {
    static void write(Path file, String csv) throws IOException {
      try (java.util.zip.GZIPOutputStream gzip =
          new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
        gzip.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }
}
