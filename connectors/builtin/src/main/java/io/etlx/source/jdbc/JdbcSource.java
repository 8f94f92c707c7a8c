package io.etlx.source.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import io.etlx.spi.SecretMask;
import io.etlx.spi.Source;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * One query for one logical date, streamed: the driver fetches {@code fetch_size} rows per round
 * trip and each row is handed on before the next is read. Messages show the URL with secrets left
 * as {@code ${NAME}}; driver messages are masked the same way.
 */
final class JdbcSource implements Source {
  /** A value bound to one {@code ?}, and how {@link #describe()} shows it. */
  record Parameter(Object value, String shown) {}

  private final String url;
  private final Properties credentials;
  private final String shownUrl;
  private final String query;
  private final List<Parameter> params;
  private final int fetchSize;
  private final int timeoutSeconds;
  private final SecretMask secrets;
  private final Incremental incremental;

  JdbcSource(
      String url,
      Properties credentials,
      String shownUrl,
      String query,
      List<Parameter> params,
      int fetchSize,
      int timeoutSeconds,
      SecretMask secrets,
      Incremental incremental) {
    this.url = url;
    this.credentials = credentials;
    this.shownUrl = shownUrl;
    this.query = query;
    this.params = List.copyOf(params);
    this.fetchSize = fetchSize;
    this.timeoutSeconds = timeoutSeconds;
    this.secrets = secrets;
    this.incremental = incremental;
  }

  @Override
  public String describe() {
    String shown = describeQuery();
    return incremental == null ? shown : shown + " [incremental on " + incremental.cursor() + "]";
  }

  private String describeQuery() {
    String shownQuery = query.strip().replaceAll("\\s+", " "); // block scalars span lines
    return params.isEmpty()
        ? source() + ": " + shownQuery
        : source()
            + ": "
            + shownQuery
            + " [params: "
            + params.stream().map(Parameter::shown).collect(Collectors.joining(", "))
            + "]";
  }

  @Override
  public void extract(RecordSink records) {
    try (Connection connection = connect()) {
      stream(connection, records);
    } catch (SQLException e) {
      throw failure(e, false);
    }
  }

  private Connection connect() {
    try {
      return DriverManager.getConnection(url, credentials);
    } catch (SQLException e) {
      throw failure(e, true);
    }
  }

  private void stream(Connection connection, RecordSink records) throws SQLException {
    // pgjdbc and Redshift fetch in batches (a cursor) only inside a transaction; else they read
    // every row first
    connection.setAutoCommit(false);
    Incremental.State previous = previous(records);
    String sql = incremental == null ? query : incremental.query(query, previous);
    try (PreparedStatement statement =
        connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(fetchSize);
      statement.setQueryTimeout(timeoutSeconds);
      for (int i = 0; i < params.size(); i++) {
        bind(statement, i + 1, params.get(i).value());
      }
      if (previous != null) {
        statement.setObject(params.size() + 1, incremental.bound(previous));
      }
      try (ResultSet rows = statement.executeQuery()) {
        RowMapping mapping = RowMapping.of(rows.getMetaData(), source());
        Incremental.Tracker tracker = tracker(mapping, previous);
        long row = 0;
        while (rows.next()) {
          Map<String, Object> record = mapping.read(rows);
          row++;
          if (tracker != null) {
            Object value = record.get(incremental.cursor());
            tracker.see(
                value,
                mapping.cursorKind(incremental.cursor(), value),
                "row " + row + " of " + source());
          }
          records.emit(record);
        }
        if (tracker != null && tracker.state() != null) {
          records.saveState(tracker.state());
        }
      }
    }
    // no commit: a source only reads, and closing the connection ends the transaction
  }

  /** Where the last committed load of an earlier date left the cursor; none for a first read. */
  private Incremental.State previous(RecordSink records) {
    if (incremental == null) {
      return null;
    }
    return records
        .previousState()
        .map(Incremental::read)
        .filter(state -> state.cursor().equals(incremental.cursor())) // a new cursor starts over
        .orElse(null);
  }

  private Incremental.Tracker tracker(RowMapping mapping, Incremental.State previous) {
    if (incremental == null) {
      return null;
    }
    if (!mapping.labels().contains(incremental.cursor())) {
      throw new EtlxException(
          ErrorCode.SOURCE_REJECTED,
          "incremental.cursor: the result of the query of "
              + source()
              + " has no column "
              + incremental.cursor()
              + " (it has "
              + String.join(", ", mapping.labels())
              + "); name one of them (not retried)");
    }
    return incremental.new Tracker(previous);
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (!(value instanceof LocalDate date)) {
      statement.setString(index, (String) value);
      return;
    }
    try {
      statement.setObject(index, date);
    } catch (SQLException e) {
      // Snowflake's driver has no java.time binding; a java.sql.Date of the same day is equivalent
      statement.setDate(index, java.sql.Date.valueOf(date));
    }
  }

  /**
   * SQLState classes 08 (connection), 57P (server shutting down) and 53 (out of resources) pass;
   * retry.
   */
  private EtlxException failure(SQLException e, boolean connecting) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String reason =
        (state.isEmpty() ? "" : "SQLState " + state + ": ")
            + oneLine(
                secrets.apply(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    boolean transientFailure =
        state.startsWith("08")
            || state.startsWith("57P")
            || state.startsWith("53")
            || e instanceof SQLTransientException
            || e instanceof SQLRecoverableException;
    if (transientFailure) {
      String what =
          connecting ? "cannot connect to " + source() : source() + " failed during the query";
      return new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "source unavailable: " + what + " (" + reason + "); a rerun later is safe",
          e);
    }
    if (connecting) {
      return new EtlxException(
          ErrorCode.SOURCE_REJECTED,
          "source rejected the connection to "
              + source()
              + " ("
              + reason
              + "); check 'url', 'user' and 'password' (not retried)",
          e);
    }
    boolean timedOut = e instanceof SQLTimeoutException || state.equals("57014");
    String hint =
        timedOut
            ? "check 'query', or raise 'timeout_seconds' (now " + timeoutSeconds + ")"
            : "check 'query', 'params' and that the user may read the tables";
    return new EtlxException(
        ErrorCode.SOURCE_REJECTED,
        "source rejected the query of "
            + source()
            + " ("
            + reason
            + "); "
            + hint
            + " (not retried)",
        e);
  }

  private String source() {
    return "jdbc " + shownUrl;
  }

  /**
   * Driver messages span lines (PostgreSQL adds "Position: 8" on a second line); errors are one
   * line.
   */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
