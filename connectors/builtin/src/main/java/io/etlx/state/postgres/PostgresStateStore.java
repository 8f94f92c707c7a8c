package io.etlx.state.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.DriverConnections;
import io.etlx.jdbc.JdbcLogin;
import io.etlx.jdbc.Sql;
import io.etlx.jdbc.Transaction;
import io.etlx.spi.CheckResult;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.StateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Stage executions in PostgreSQL: {@code stage_runs} holds the latest execution per stage key,
 * {@code stage_history} every one; both written in one transaction. A run lock is a session
 * advisory lock on a connection of its own, held until the run ends or its worker's connection
 * dies.
 */
final class PostgresStateStore implements StateStore {
  private static final String COLUMNS =
      "pipeline, environment, logical_date, stage, status, attempt, started_at, ended_at,"
          + " row_count, spec_fingerprint, schema_version, input_checksum, output_checksum, error,"
          + " load_id, notified, checks";
  private final DriverConnections driver;
  private final String shown;
  private final String user;
  private final String password;
  private final String schema;
  private Connection connection;

  private final int retries;
  private final Duration backoff;

  PostgresStateStore(JdbcLogin login, String schema) {
    this(login, schema, 4, Duration.ofMillis(250));
  }

  /**
   * @param retries more attempts after a transient failure, {@code backoff} doubling each time
   */
  PostgresStateStore(JdbcLogin login, String schema, int retries, Duration backoff) {
    this.retries = retries;
    this.backoff = backoff;
    this.driver = new DriverConnections(new org.postgresql.Driver(), login.url(), new Properties());
    this.shown = login.shownUrl();
    this.user = login.user();
    this.password = login.password();
    this.schema = schema;
  }

  @Override
  public Optional<StageRun> last(StageKey key) {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM "
                + table("stage_runs")
                + " WHERE pipeline = ? AND environment = ? AND logical_date = ? AND stage = ?",
            List.of(
                key.run().pipeline(),
                key.run().environment(),
                key.run().date(),
                key.stage().yamlName()))
        .stream()
        .findFirst();
  }

  @Override
  public List<StageRun> latest(String pipeline, String environment) {
    List<StageRun> runs =
        new ArrayList<>(
            query(
                "SELECT "
                    + COLUMNS
                    + " FROM "
                    + table("stage_runs")
                    + " WHERE pipeline = ? AND environment = ?",
                List.of(pipeline, environment)));
    runs.sort(
        Comparator.comparing((StageRun r) -> r.key().run().date())
            .thenComparing(r -> r.key().stage()));
    return runs;
  }

  @Override
  public synchronized void record(StageRun run) {
    String values = " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    String upsert =
        "INSERT INTO "
            + table("stage_runs")
            + " ("
            + COLUMNS
            + ")"
            + values
            + " ON CONFLICT (pipeline, environment, logical_date, stage) DO UPDATE SET status ="
            + " excluded.status, attempt = excluded.attempt, started_at = excluded.started_at,"
            + " ended_at = excluded.ended_at, row_count = excluded.row_count, spec_fingerprint ="
            + " excluded.spec_fingerprint, schema_version = excluded.schema_version, input_checksum"
            + " = excluded.input_checksum, output_checksum = excluded.output_checksum, error ="
            + " excluded.error, load_id = excluded.load_id, notified = excluded.notified, checks ="
            + " excluded.checks";
    retrying(
        "cannot record a stage execution",
        () ->
            Transaction.run(
                connection(),
                c -> {
                  for (String sql :
                      List.of(
                          upsert,
                          "INSERT INTO "
                              + table("stage_history")
                              + " ("
                              + COLUMNS
                              + ")"
                              + values)) {
                    try (PreparedStatement statement = c.prepareStatement(sql)) {
                      bind(statement, run);
                      statement.executeUpdate();
                    }
                  }
                  return null;
                }));
  }

  @Override
  public RunLock lock(RunKey key) {
    Connection c =
        retrying("cannot take the run lock of " + key, () -> driver.connect(user, password));
    try {
      try (PreparedStatement statement =
          c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
        statement.setString(
            1, "etlx:" + key.pipeline() + ":" + key.environment() + ":" + key.date());
        try (ResultSet rs = statement.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            c.close();
            throw new EtlxException(
                ErrorCode.ALREADY_RUNNING,
                key
                    + " is already running in another process (advisory lock in "
                    + shown
                    + "); wait for it to finish");
          }
        }
      }
      return new RunLock() {
        @Override
        public void check() {
          boolean alive;
          try {
            alive = c.isValid(5);
          } catch (SQLException e) {
            alive = false;
          }
          if (!alive) {
            throw new EtlxException(
                ErrorCode.LOCK_LOST,
                "the session holding the lock of "
                    + key
                    + " in "
                    + shown
                    + " ended (server restart, network, idle timeout): another worker may be"
                    + " running the same date, so this run stops here; rerun it");
          }
        }

        @Override
        public void close() {
          try {
            c.close(); // ends the session, which releases its advisory locks
          } catch (SQLException e) {
            // the server releases the lock when the session goes away anyway
          }
        }
      };
    } catch (SQLException e) {
      throw failure("cannot take the run lock of " + key, e);
    }
  }

  private List<StageRun> query(String sql, List<Object> params) {
    return retrying(
        "cannot read stage executions",
        () -> {
          try (PreparedStatement statement = connection().prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
              statement.setObject(i + 1, params.get(i));
            }
            List<StageRun> runs = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
              while (rs.next()) {
                runs.add(read(rs));
              }
            }
            return runs;
          }
        });
  }

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * The same policy as everywhere else for transient failures: a server that is briefly down (a
   * restart, a failover, a dropped connection) is retried with backoff on a fresh connection, so a
   * worker does not fail within a second of losing the state store.
   */
  private <T> T retrying(String what, SqlWork<T> work) {
    for (int attempt = 0; ; attempt++) {
      try {
        return work.run();
      } catch (SQLException e) {
        boolean transientFailure = transientFailure(e);
        if (!transientFailure || attempt >= retries) {
          throw failure(what, e, transientFailure);
        }
        dropConnection();
        try {
          Thread.sleep(backoff.toMillis() << Math.min(attempt, 10));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure(what, e, true);
        }
      }
    }
  }

  private static boolean transientFailure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
  }

  private synchronized void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // it is broken anyway
      }
      connection = null;
    }
  }

  private static StageRun read(ResultSet rs) throws SQLException {
    RunKey run = new RunKey(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class));
    OffsetDateTime ended = rs.getObject(8, OffsetDateTime.class);
    Integer[] notified =
        rs.getArray(16) == null ? new Integer[0] : (Integer[]) rs.getArray(16).getArray();
    List<CheckResult> checks;
    try {
      checks = ChecksJson.read(rs.getString(17));
    } catch (JsonProcessingException e) {
      throw new SQLException(
          "unreadable checks of a stage execution: " + e.getOriginalMessage(), e);
    }
    StageContext context =
        new StageContext(rs.getString(15), new TreeSet<>(Arrays.asList(notified)), checks);
    return new StageRun(
        new StageKey(run, Stage.fromName(rs.getString(4))),
        StageStatus.valueOf(rs.getString(5)),
        rs.getInt(6),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        ended == null ? null : ended.toInstant(),
        rs.getLong(9),
        rs.getString(10),
        rs.getInt(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14),
        context);
  }

  private static void bind(PreparedStatement s, StageRun run) throws SQLException {
    s.setString(1, run.key().run().pipeline());
    s.setString(2, run.key().run().environment());
    s.setObject(3, run.key().run().date());
    s.setString(4, run.key().stage().yamlName());
    s.setString(5, run.status().name());
    s.setInt(6, run.attempt());
    // instants as UTC offsets, so workers in different time zones read the same instant back
    s.setObject(7, run.startedAt().atOffset(ZoneOffset.UTC));
    s.setObject(8, run.endedAt() == null ? null : run.endedAt().atOffset(ZoneOffset.UTC));
    s.setLong(9, run.rows());
    s.setString(10, run.specFingerprint());
    s.setInt(11, run.schemaVersion());
    s.setString(12, run.inputChecksum());
    s.setString(13, run.outputChecksum());
    s.setString(14, run.error());
    s.setString(15, run.context().loadId());
    s.setArray(
        16,
        run.context().sent().isEmpty()
            ? null
            : s.getConnection().createArrayOf("integer", run.context().sent().toArray()));
    s.setString(17, ChecksJson.write(run.context().checks()));
  }

  private synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = driver.connect(user, password);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(schema));
        String columns =
            " (pipeline TEXT NOT NULL, environment TEXT NOT NULL, logical_date DATE NOT NULL, stage"
                + " TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, started_at"
                + " TIMESTAMPTZ NOT NULL, ended_at TIMESTAMPTZ, row_count BIGINT NOT NULL,"
                + " spec_fingerprint TEXT, schema_version INTEGER NOT NULL, input_checksum TEXT,"
                + " output_checksum TEXT, error TEXT, load_id TEXT, notified INTEGER[], checks"
                + " TEXT";
        statement.execute(
            "CREATE TABLE IF NOT EXISTS "
                + table("stage_runs")
                + columns
                + ", PRIMARY KEY (pipeline, environment, logical_date, stage))");
        statement.execute("CREATE TABLE IF NOT EXISTS " + table("stage_history") + columns + ")");
        for (String name :
            List.of("stage_runs", "stage_history")) { // stores made before stage contexts existed
          statement.execute(
              "ALTER TABLE " + table(name) + " ADD COLUMN IF NOT EXISTS load_id TEXT");
          statement.execute(
              "ALTER TABLE " + table(name) + " ADD COLUMN IF NOT EXISTS notified INTEGER[]");
          // stores made before data checks: the outcomes of a load's checks, as JSON
          statement.execute("ALTER TABLE " + table(name) + " ADD COLUMN IF NOT EXISTS checks TEXT");
        }
      }
    }
    return connection;
  }

  private String table(String name) {
    return Sql.table(schema, name);
  }

  private EtlxException failure(String what, SQLException e, boolean transientFailure) {
    if (transientFailure) {
      return new EtlxException(
          ErrorCode.STATE_STORE_UNAVAILABLE,
          "state store "
              + shown
              + ": "
              + what
              + " after "
              + (retries + 1)
              + " attempts: "
              + e.getMessage()
              + "; a rerun later is safe",
          e);
    }
    return failure(what, e);
  }

  private EtlxException failure(String what, SQLException e) {
    return new EtlxException(
        ErrorCode.STATE_STORE_FAILED,
        "state store " + shown + ": " + what + ": " + e.getMessage(),
        e);
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // nothing to do
      }
      connection = null;
    }
  }
}
