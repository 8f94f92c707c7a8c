package io.etlx.source.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one row into a record keyed by the column labels as the driver returns them. Dates become
 * ISO text and timestamps {@code yyyy-MM-dd HH:mm:ss[.ffffff]} text (UTC for time-zone-aware
 * columns), the forms the transform reads; decimals keep their scale.
 */
public final class RowMapping {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final Set<Integer> BINARY =
      Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

  private enum Kind {
    DATE,
    TIMESTAMP,
    TIMESTAMP_TZ,
    TEXT,
    OBJECT
  }

  private record Column(int index, String label, String typeName, Kind kind) {}

  private final List<Column> columns;
  private final String source;

  /** Per date/time column: whether the driver returns java.time values, once it has been asked. */
  private final Boolean[] javaTime;

  private RowMapping(List<Column> columns, String source) {
    this.columns = List.copyOf(columns);
    this.source = source;
    this.javaTime = new Boolean[columns.size()];
  }

  /**
   * Fails before the first row on columns no record can carry: binary data, or two columns with one
   * label.
   */
  public static RowMapping of(ResultSetMetaData meta, String source) throws SQLException {
    List<Column> columns = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Column column =
          new Column(
              i,
              meta.getColumnLabel(i),
              meta.getColumnTypeName(i),
              kind(meta.getColumnType(i), meta.getColumnTypeName(i)));
      if (BINARY.contains(meta.getColumnType(i))) {
        throw binary(column, source);
      }
      Integer earlier = seen.put(column.label(), i);
      if (earlier != null) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "columns "
                + earlier
                + " and "
                + i
                + " of the query of "
                + source
                + " are both named '"
                + column.label()
                + "'; give them distinct aliases in the query");
      }
      columns.add(column);
    }
    return new RowMapping(columns, source);
  }

  /** The labels of the result's columns, in order. */
  List<String> labels() {
    return columns.stream().map(Column::label).toList();
  }

  /**
   * How an incremental cursor read from column {@code label} compares and binds: null when the
   * column is neither a date, a time nor a number.
   */
  Incremental.Kind cursorKind(String label, Object value) {
    for (Column column : columns) {
      if (column.label().equals(label)) {
        return switch (column.kind()) {
          case DATE -> Incremental.Kind.DATE;
          case TIMESTAMP -> Incremental.Kind.TIMESTAMP;
          case TIMESTAMP_TZ -> Incremental.Kind.TIMESTAMP_UTC;
          case TEXT -> null;
          case OBJECT -> value instanceof Number ? Incremental.Kind.NUMBER : null;
        };
      }
    }
    return null;
  }

  public Map<String, Object> read(ResultSet row) throws SQLException {
    Map<String, Object> record = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      put(record, column, value(row, column, i));
    }
    return record;
  }

  private Object value(ResultSet row, Column column, int position) throws SQLException {
    Class<?> type =
        switch (column.kind()) {
          case DATE -> LocalDate.class;
          case TIMESTAMP -> LocalDateTime.class;
          case TIMESTAMP_TZ -> OffsetDateTime.class;
          case TEXT -> String.class;
          case OBJECT -> null;
        };
    if (type == String.class) {
      return row.getString(column.index());
    }
    if (type == null || Boolean.FALSE.equals(javaTime[position])) {
      return row.getObject(column.index());
    }
    try {
      // java.time, not java.sql.Timestamp: no detour through the JVM's time zone and its DST gaps
      Object value = row.getObject(column.index(), type);
      if (value != null) {
        javaTime[position] = true;
      }
      return value;
    } catch (SQLException e) {
      if (javaTime[position] != null) {
        throw e;
      }
      javaTime[position] = false; // e.g. Snowflake: getObject(i, LocalDate.class) is unsupported
      return row.getObject(column.index());
    }
  }

  private void put(Map<String, Object> record, Column column, Object value) throws SQLException {
    String key = column.label();
    if (value == null) {
      record.put(key, null);
    } else if (value instanceof Boolean b) {
      record.put(key, b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      record.put(key, ((Number) value).longValue());
    } else if (value instanceof BigInteger n) {
      record.put(key, n);
    } else if (value instanceof BigDecimal d) {
      record.put(key, d); // written as it came: trailing zeros kept
    } else if (value instanceof Float f) {
      putDouble(record, key, Double.parseDouble(f.toString())); // 0.1, not 0.10000000149011612
    } else if (value instanceof Double d) {
      putDouble(record, key, d);
    } else if (value instanceof byte[] || value instanceof Blob) {
      throw binary(column, source);
    } else {
      record.put(key, text(value, column.kind()));
    }
  }

  private static void putDouble(Map<String, Object> record, String key, double value) {
    if (Double.isFinite(value)) {
      record.put(key, value);
    } else {
      record.put(key, Double.toString(value)); // NaN and Infinity are not JSON numbers
    }
  }

  private static String text(Object value, Kind kind) throws SQLException {
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Timestamp t) {
      return kind == Kind.TIMESTAMP_TZ ? utc(t.toInstant()) : timestamp(t.toLocalDateTime());
    }
    if (value instanceof LocalDateTime t) {
      return timestamp(t);
    }
    if (value instanceof OffsetDateTime t) {
      return timestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
    }
    if (value instanceof Instant t) {
      return utc(t);
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    return value.toString(); // String, LocalDate, UUID, intervals, arrays, JSON documents …
  }

  private static String utc(Instant instant) {
    return timestamp(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** Fractions only when present: microseconds, or nanoseconds when a driver has them. */
  static String timestamp(LocalDateTime t) {
    String seconds = SECONDS.format(t);
    int nanos = t.getNano();
    if (nanos == 0) {
      return seconds;
    }
    return nanos % 1000 == 0
        ? seconds + String.format(".%06d", nanos / 1000)
        : seconds + String.format(".%09d", nanos);
  }

  private static Kind kind(int type, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    // PostgreSQL reports timestamptz as TIMESTAMP, Snowflake has TIMESTAMP_LTZ/_TZ (but _NTZ is
    // local)
    boolean zoned = name.contains("time zone") || (name.endsWith("tz") && !name.endsWith("ntz"));
    return switch (type) {
      case Types.DATE -> Kind.DATE;
      case Types.TIMESTAMP -> zoned ? Kind.TIMESTAMP_TZ : Kind.TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_TZ;
      case Types.CLOB, Types.NCLOB, Types.SQLXML -> Kind.TEXT;
      default -> Kind.OBJECT;
    };
  }

  private static EtlxException binary(Column column, String source) {
    return new EtlxException(
        ErrorCode.SOURCE_GARBAGE,
        "column '"
            + column.label()
            + "' ("
            + column.typeName()
            + ") of the query of "
            + source
            + " holds binary data, which records cannot carry; cast or encode it"
            + " to text in the query");
  }
}
