package io.etlx.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.jdbc.JdbcLogin;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.StateStore;
import io.etlx.state.StateStoreContract;
import io.etlx.testkit.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The state store contract on a real PostgreSQL: two workers share one database. */
class PostgresStateStoreTest extends StateStoreContract {
  private String url;

  @Override
  protected StateStore open() {
    url = PostgresTestServer.newDatabase();
    return sameStorage();
  }

  @Override
  protected StateStore sameStorage() {
    return new PostgresStateStore(
        new JdbcLogin(url, url, "postgres", null, 1, Duration.ofSeconds(30)),
        "etlx",
        4,
        Duration.ofMillis(50));
  }

  @Test
  void aDroppedConnectionIsRetriedOnAFreshOne() throws Exception {
    RunKey run = new RunKey("fx", "dev", LocalDate.of(2020, 12, 1));
    try (StateStore store = open()) {
      store.record(running(run, 1));
      // the server ends the store's session, as a restart or a failover would
      try (Connection admin = DriverManager.getConnection(url, "postgres", "");
          Statement s = admin.createStatement()) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
      }

      store.record(running(run, 2));

      assertThat(store.last(run.stage(Stage.EXTRACT)).orElseThrow().attempt()).isEqualTo(2);
    }
  }

  private static StageRun running(RunKey run, int attempt) {
    return new StageRun(
        run.stage(Stage.EXTRACT),
        StageStatus.RUNNING,
        attempt,
        Instant.EPOCH,
        null,
        0,
        null,
        1,
        null,
        null,
        null,
        StageContext.EMPTY);
  }

  @Test
  void aStoreMadeBeforeDataChecksGainsTheirColumnAndKeepsItsRows() throws Exception {
    url = PostgresTestServer.newDatabase();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      String columns =
          " (pipeline TEXT NOT NULL, environment TEXT NOT NULL, logical_date DATE NOT NULL, stage"
              + " TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, started_at"
              + " TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, row_count BIGINT NOT NULL,"
              + " spec_fingerprint TEXT, schema_version INTEGER NOT NULL, input_checksum TEXT,"
              + " output_checksum TEXT, error TEXT, load_id TEXT, notified INTEGER[]";
      s.execute("CREATE SCHEMA etlx");
      s.execute(
          "CREATE TABLE etlx.stage_runs"
              + columns
              + ", PRIMARY KEY (pipeline, environment, logical_date, stage))");
      s.execute("CREATE TABLE etlx.stage_history" + columns + ")");
      s.execute(
          "INSERT INTO etlx.stage_runs VALUES ('fx', 'dev', '2020-12-01', 'load', 'SUCCEEDED', 1,"
              + " now(), now(), 5, 'fp', 2, 'in', 'out', NULL, 'load-1', NULL)");
    }

    try (StateStore store = sameStorage()) {
      assertThat(
              store
                  .last(new RunKey("fx", "dev", LocalDate.of(2020, 12, 1)).stage(Stage.LOAD))
                  .orElseThrow()
                  .context())
          .isEqualTo(StageContext.load("load-1"));
    }
  }
}
