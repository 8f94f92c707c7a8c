package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RecordSink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SQL model's query, streamed row by row into a record sink: in a transaction the warehouse
 * itself keeps from writing (or rolls back), with the target schema as the default one, rows
 * fetched in batches so a large result never fills memory.
 */
final class ModelRead {
  private static final int FETCH_SIZE = 10_000;

  private ModelRead() {}

  static void run(
      SqlDialect dialect,
      Connection c,
      String sql,
      List<Object> params,
      String schema,
      RecordSink out)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    String previous = currentSchema(dialect, c);
    dialect.beginModelRead(c, sql);
    try {
      for (String statement : dialect.useSchema(schema)) {
        try (var s = c.createStatement()) {
          s.execute(statement);
        }
      }
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        statement.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < params.size(); i++) {
          Object value = params.get(i);
          if (value instanceof LocalDate date) {
            statement.setObject(i + 1, java.sql.Date.valueOf(date));
          } else {
            statement.setObject(i + 1, value);
          }
        }
        try (ResultSet rs = statement.executeQuery()) {
          stream(rs, out);
        }
      }
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      if (previous != null) {
        for (String statement : dialect.useSchema(previous)) {
          try (var s = c.createStatement()) {
            s.execute(statement);
          }
        }
      }
      if (c.isReadOnly()) {
        c.setReadOnly(false);
      }
      c.setAutoCommit(autoCommit);
    }
  }

  /** The session's schema before the read, where the dialect must set it back; else null. */
  private static String currentSchema(SqlDialect dialect, Connection c) throws SQLException {
    String query = dialect.currentSchemaQuery();
    if (query == null) {
      return null;
    }
    try (var s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      String schema = rs.next() ? rs.getString(1) : null;
      return schema != null && schema.matches("[A-Za-z_][A-Za-z0-9_]*") ? schema : null;
    }
  }

  private static void stream(ResultSet rs, RecordSink out) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    String[] labels = new String[meta.getColumnCount()];
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
      if (!seen.add(labels[i])) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "the model's query returns two columns named '"
                + labels[i]
                + "': give each column of the select list a name of its own (… AS name)");
      }
    }
    while (rs.next()) {
      Map<String, Object> record = new LinkedHashMap<>(labels.length * 2);
      for (int i = 0; i < labels.length; i++) {
        record.put(labels[i], plain(rs.getObject(i + 1)));
      }
      out.emit(record);
    }
  }

  /** A JDBC value as one of the plain values a record holds. */
  static Object plain(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof BigDecimal
        || value instanceof BigInteger
        || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Timestamp timestamp) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
    }
    if (value instanceof Time time) {
      return time.toLocalTime().toString();
    }
    if (value instanceof LocalDate || value instanceof LocalTime) {
      return value.toString();
    }
    if (value instanceof LocalDateTime dateTime) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
    }
    if (value instanceof OffsetDateTime dateTime) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          dateTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (value instanceof ZonedDateTime dateTime) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          dateTime.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
    return value.toString();
  }
}
