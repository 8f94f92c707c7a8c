package io.etlx.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.spi.DataCheck;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every state store must do, run against each implementation. */
public abstract class StateStoreContract {
  private static final RunKey RUN = new RunKey("fx", "dev", LocalDate.of(2020, 12, 1));

  /** A fresh, empty store; two calls of one test share the same backing storage (two workers). */
  protected abstract StateStore open();

  @Test
  void recordsTheLatestExecutionOfEachStage() {
    try (StateStore store = open()) {
      StageRun running =
          new StageRun(
              RUN.stage(Stage.LOAD),
              StageStatus.RUNNING,
              1,
              Instant.parse("2020-12-02T00:00:00Z"),
              null,
              0,
              "fp",
              2,
              "in",
              null,
              null,
              StageContext.load("load-1"));
      store.record(running);
      store.record(
          running.finish(
              StageStatus.SUCCEEDED,
              Instant.parse("2020-12-02T00:00:03Z"),
              42,
              "out",
              null,
              running.context()));
      store.record(
          new StageRun(
              RUN.stage(Stage.EXTRACT),
              StageStatus.FAILED,
              3,
              Instant.parse("2020-12-02T00:00:00Z"),
              Instant.parse("2020-12-02T00:00:01Z"),
              0,
              null,
              2,
              null,
              null,
              "source unavailable",
              null));
      store.record(
          new StageRun(
              RUN.stage(Stage.NOTIFY),
              StageStatus.FAILED,
              1,
              Instant.parse("2020-12-02T00:00:04Z"),
              Instant.parse("2020-12-02T00:00:05Z"),
              0,
              null,
              2,
              "load-1",
              null,
              "webhook failed",
              StageContext.notified("load-1", List.of(2, 0))));

      StageRun last = store.last(RUN.stage(Stage.LOAD)).orElseThrow();
      assertThat(last.status()).isEqualTo(StageStatus.SUCCEEDED);
      assertThat(last.rows()).isEqualTo(42);
      assertThat(last.specFingerprint()).isEqualTo("fp");
      assertThat(last.schemaVersion()).isEqualTo(2);
      assertThat(last.endedAt()).isEqualTo(Instant.parse("2020-12-02T00:00:03Z"));
      assertThat(last.context()).isEqualTo(StageContext.load("load-1"));
      assertThat(store.last(RUN.stage(Stage.NOTIFY)).orElseThrow().context().sent())
          .containsExactly(0, 2);
      assertThat(store.last(RUN.stage(Stage.TRANSFORM))).isEmpty();
      assertThat(store.latest("fx", "dev"))
          .extracting(r -> r.key().stage())
          .containsExactly(Stage.EXTRACT, Stage.LOAD, Stage.NOTIFY);
      assertThat(store.latest("fx", "dev").get(0).error()).isEqualTo("source unavailable");
      assertThat(store.latest("fx", "prod")).isEmpty();
    }
  }

  @Test
  void aSecondWorkerCannotTakeTheSameRunLock() {
    try (StateStore worker1 = open();
        StateStore worker2 = sameStorage()) {
      try (StateStore.RunLock lock = worker1.lock(RUN)) {
        assertThatThrownBy(() -> worker2.lock(RUN))
            .isInstanceOfSatisfying(
                EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_RUNNING))
            .hasMessageStartingWith("fx 2020-12-01 (dev) is already running in another process");
        worker2.lock(new RunKey("fx", "dev", LocalDate.of(2020, 12, 2))).close();
      }
      worker2.lock(RUN).close();
    }
  }

  @Test
  void keepsTheOutcomesOfALoadsDataChecks() {
    List<CheckResult> checks =
        List.of(
            new CheckResult(
                "max",
                "exchange_rate",
                DataCheck.Severity.WARN,
                false,
                2,
                List.of(
                    "(date=2020-12-01, currency_code=INR, exchange_rate=2000000.000000)",
                    "(date=2020-12-01, currency_code=JPY, exchange_rate=3000000.000000)"),
                "exchange_rate is above 1000000.000000"),
            new CheckResult(
                "pattern",
                "currency_code",
                DataCheck.Severity.QUARANTINE,
                true,
                0,
                List.of(),
                "currency_code does not match ^[A-Z]{3}$"),
            new CheckResult(
                "row_count_change",
                null,
                DataCheck.Severity.ERROR,
                true,
                0,
                List.of(),
                "the batch has 5 row(s); no earlier date loaded to compare with"));
    try (StateStore store = open()) {
      store.record(
          new StageRun(
              RUN.stage(Stage.LOAD),
              StageStatus.SUCCEEDED,
              1,
              Instant.parse("2020-12-02T00:00:00Z"),
              Instant.parse("2020-12-02T00:00:01Z"),
              5,
              "fp",
              2,
              "in",
              "out",
              null,
              StageContext.load("load-1", checks)));
    }
    try (StateStore other = sameStorage()) {
      StageContext context = other.last(RUN.stage(Stage.LOAD)).orElseThrow().context();

      assertThat(context).isEqualTo(StageContext.load("load-1", checks));
      assertThat(context.warnings()).extracting(CheckResult::check).containsExactly("max");
    }
  }

  /** Another store on the storage {@link #open} used last. */
  protected abstract StateStore sameStorage();
}
