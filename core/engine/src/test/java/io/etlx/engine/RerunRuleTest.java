package io.etlx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.engine.RerunRule.Decision;
import io.etlx.engine.RerunRule.Why;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.RawFormat;
import io.etlx.spi.RawManifest;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rerun rule, case by case: the one decision the stages, status and a dry run share. */
class RerunRuleTest {
  private static final LocalDate DATE = LocalDate.of(2020, 12, 1);
  private static final RunOptions PLAIN = RunOptions.DEFAULT;
  private static final RunOptions FORCE = new RunOptions(null, true, false);
  private static final StageInputs NOW = new StageInputs("fp", 1, "rows");

  private static StageRun run(
      Stage stage, StageStatus status, String fingerprint, String input, String loadId) {
    return new StageRun(
        new RunKey("p", "dev", DATE).stage(stage),
        status,
        1,
        Instant.EPOCH,
        Instant.EPOCH,
        5,
        fingerprint,
        1,
        input,
        status == StageStatus.SUCCEEDED ? "out" : null,
        status == StageStatus.FAILED ? "boom" : null,
        StageContext.load(loadId));
  }

  private static LedgerEntry ledger(String loadId, String rows, String fingerprint) {
    return new LedgerEntry(
        "p", "dev", DATE, loadId, "raw", rows, fingerprint, 5, Instant.EPOCH, null);
  }

  private static Decision load(StageRun last, Optional<LedgerEntry> entry, RunOptions options) {
    return RerunRule.decide(
        Stage.LOAD, Optional.ofNullable(last), NOW, Evidence.Ledger.of(entry), options);
  }

  @Test
  void aModelsExtractRunsAgainWhenAnUpstreamLoadedItsDateAgain() {
    RawManifest raw =
        new RawManifest(
            "p", "2020-12-01", "src", Instant.EPOCH, "raw", 5, 1, null, RawFormat.NDJSON);
    Evidence.Raw present = new Evidence.Raw(Optional.of(raw));
    String read = "upstream fx=L1 orders=L2";
    StageInputs same = new StageInputs(null, 1, read);
    StageInputs reloaded = new StageInputs(null, 1, "upstream fx=L1 orders=L3");
    StageRun succeeded = run(Stage.EXTRACT, StageStatus.SUCCEEDED, null, read, null);

    assertThat(RerunRule.decide(Stage.EXTRACT, Optional.of(succeeded), same, present, PLAIN).run())
        .isFalse();
    Decision stale =
        RerunRule.decide(Stage.EXTRACT, Optional.of(succeeded), reloaded, present, PLAIN);
    assertThat(stale.why()).isEqualTo(Why.STALE);
    assertThat(stale.reason())
        .isEqualTo("stale: orders loaded this date again since the extract: reading it again");

    // a failed re-read over the new loads leaves the old partition standing, read from old loads
    StageRun failedOverNew =
        run(Stage.EXTRACT, StageStatus.FAILED, null, "upstream fx=L1 orders=L3", null);
    assertThat(
            RerunRule.decide(Stage.EXTRACT, Optional.of(failedOverNew), reloaded, present, PLAIN)
                .run())
        .isTrue();
    // no record at all (a lost state store): read again rather than trust an unknown partition
    assertThat(RerunRule.decide(Stage.EXTRACT, Optional.empty(), same, present, PLAIN).run())
        .isTrue();
  }

  @Test
  void extractRunsOnlyWithoutARawPartitionOrWithReExtract() {
    RawManifest raw =
        new RawManifest(
            "p", "2020-12-01", "src", Instant.EPOCH, "raw", 5, 1, null, RawFormat.NDJSON);
    Evidence.Raw present = new Evidence.Raw(Optional.of(raw));
    StageInputs none = new StageInputs(null, 1, null);

    assertThat(RerunRule.decide(Stage.EXTRACT, Optional.empty(), none, present, FORCE).run())
        .isFalse();
    assertThat(
            RerunRule.decide(
                    Stage.EXTRACT,
                    Optional.empty(),
                    none,
                    present,
                    new RunOptions(null, false, true))
                .why())
        .isEqualTo(Why.FORCED);
    Decision missing =
        RerunRule.decide(
            Stage.EXTRACT,
            Optional.of(run(Stage.EXTRACT, StageStatus.SUCCEEDED, null, null, null)),
            none,
            new Evidence.Raw(Optional.empty()),
            PLAIN);
    assertThat(missing.run()).isTrue();
    assertThat(missing.reason()).isEqualTo("raw partition missing: a rerun extracts again");
  }

  @Test
  void transformIsStaleWhenItsRawDataSpecOrRowsFileChanged() {
    StageRun done = run(Stage.TRANSFORM, StageStatus.SUCCEEDED, "fp", "rows", null);
    Evidence.Rows present = new Evidence.Rows(true);

    assertThat(RerunRule.decide(Stage.TRANSFORM, Optional.of(done), NOW, present, PLAIN).run())
        .isFalse();
    assertThat(
            RerunRule.decide(
                    Stage.TRANSFORM,
                    Optional.of(done),
                    new StageInputs("fp", 1, "other"),
                    present,
                    PLAIN)
                .reason())
        .isEqualTo("stale: raw data changed since it last ran");
    assertThat(
            RerunRule.decide(
                    Stage.TRANSFORM,
                    Optional.of(done),
                    new StageInputs("fp2", 1, "rows"),
                    present,
                    PLAIN)
                .reason())
        .isEqualTo("stale: transform spec changed since it last ran");
    assertThat(
            RerunRule.decide(
                    Stage.TRANSFORM, Optional.of(done), NOW, new Evidence.Rows(false), PLAIN)
                .reason())
        .isEqualTo("stale: its rows file is missing");
    assertThat(RerunRule.decide(Stage.TRANSFORM, Optional.of(done), NOW, present, FORCE).why())
        .isEqualTo(Why.FORCED);
  }

  @Test
  void anUnfinishedOrFailedStageRunsAgainAndSaysWhy() {
    StageRun running = run(Stage.TRANSFORM, StageStatus.RUNNING, "fp", "rows", null);
    StageRun failed = run(Stage.TRANSFORM, StageStatus.FAILED, "fp", "rows", null);
    Evidence.Rows present = new Evidence.Rows(true);

    assertThat(RerunRule.decide(Stage.TRANSFORM, Optional.of(running), NOW, present, PLAIN).why())
        .isEqualTo(Why.UNFINISHED);
    assertThat(RerunRule.decide(Stage.TRANSFORM, Optional.of(failed), NOW, present, PLAIN).reason())
        .isEqualTo("boom");
    assertThat(RerunRule.decide(Stage.TRANSFORM, Optional.empty(), NOW, present, PLAIN).why())
        .isEqualTo(Why.NEVER_RAN);
  }

  @Test
  void aLoadIsSkippedWhileTheLedgerHoldsIt() {
    StageRun done = run(Stage.LOAD, StageStatus.SUCCEEDED, "fp", "rows", "L1");

    assertThat(load(done, Optional.of(ledger("L1", "rows", "fp")), PLAIN))
        .extracting(Decision::run, Decision::why)
        .containsExactly(false, Why.UP_TO_DATE);
    assertThat(load(done, Optional.of(ledger("L1", "rows", "fp")), FORCE).run()).isTrue();
  }

  @Test
  void aLoadTheStateCallsDoneButTheLedgerLacksRunsAgain() {
    StageRun done = run(Stage.LOAD, StageStatus.SUCCEEDED, "fp", "rows", "L1");

    Decision dropped = load(done, Optional.empty(), PLAIN);
    Decision replaced = load(done, Optional.of(ledger("L2", "other", "fp")), PLAIN);

    assertThat(dropped.run()).isTrue();
    assertThat(dropped.reason()).startsWith("the warehouse holds no load of this date");
    assertThat(replaced.run()).isTrue();
    assertThat(replaced.reason()).startsWith("the warehouse holds another load of this date");
  }

  @Test
  void anInterruptedLoadIsAdoptedOnlyWhenTheLedgerHoldsThatVeryAttempt() {
    StageRun running = run(Stage.LOAD, StageStatus.RUNNING, "fp", "rows", "L2");

    Decision committed = load(running, Optional.of(ledger("L2", "rows", "fp")), PLAIN);
    Decision notCommitted = load(running, Optional.of(ledger("L1", "older-rows", "fp")), PLAIN);

    assertThat(committed)
        .extracting(Decision::run, Decision::why)
        .containsExactly(false, Why.ADOPTED);
    assertThat(committed.adopted().loadId()).isEqualTo("L2");
    assertThat(notCommitted.run()).isTrue();
    assertThat(notCommitted.reason()).startsWith("did not finish and did not commit");
  }

  @Test
  void aRevertedSpecIsNotSkippedBecauseAnIdenticalLoadCommittedLongAgo() {
    // A (L1) then B (L2) loaded; back to A, whose load L3 died before its commit: the ledger holds
    // B
    StageRun running = run(Stage.LOAD, StageStatus.RUNNING, "fp", "rows", "L3");

    Decision decision = load(running, Optional.of(ledger("L2", "rows-b", "fp-b")), PLAIN);

    assertThat(decision.run()).isTrue();
  }

  @Test
  void aLoadTheStateStoreForgotIsAdoptedFromTheLedger() {
    Decision decision = load(null, Optional.of(ledger("L1", "rows", "fp")), PLAIN);

    assertThat(decision)
        .extracting(Decision::run, Decision::why)
        .containsExactly(false, Why.ADOPTED);
    assertThat(load(null, Optional.of(ledger("L1", "rows", "other-fp")), PLAIN).run()).isTrue();
    assertThat(load(null, Optional.of(ledger("L1", null, "fp")), PLAIN).run())
        .isTrue(); // a ledger row of old
  }

  @Test
  void withoutTheWarehouseTheLoadIsJudgedByTheStateAndSaysSo() {
    StageRun done = run(Stage.LOAD, StageStatus.SUCCEEDED, "fp", "rows", "L1");

    Decision decision =
        RerunRule.decide(
            Stage.LOAD,
            Optional.of(done),
            NOW,
            Evidence.Ledger.unknown("PGPASSWORD is not set"),
            PLAIN);

    assertThat(decision.run()).isFalse();
    assertThat(decision.reason())
        .isEqualTo("unchanged rows and spec (warehouse not consulted: PGPASSWORD is not set)");
  }

  @Test
  void notifyRunsOncePerLoad() {
    StageRun notified =
        new StageRun(
            new RunKey("p", "dev", DATE).stage(Stage.NOTIFY),
            StageStatus.SUCCEEDED,
            1,
            Instant.EPOCH,
            Instant.EPOCH,
            1,
            null,
            1,
            "L1",
            null,
            null,
            StageContext.notified("L1", List.of(0)));

    assertThat(
            RerunRule.decide(
                    Stage.NOTIFY,
                    Optional.of(notified),
                    new StageInputs(null, 1, "L1"),
                    new Evidence.None(),
                    PLAIN)
                .run())
        .isFalse();
    assertThat(
            RerunRule.decide(
                    Stage.NOTIFY,
                    Optional.of(notified),
                    new StageInputs(null, 1, "L2"),
                    new Evidence.None(),
                    PLAIN)
                .run())
        .isTrue();
  }
}
