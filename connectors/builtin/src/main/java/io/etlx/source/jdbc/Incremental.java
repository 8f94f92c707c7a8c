package io.etlx.source.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.Lookback;
import io.etlx.spi.PluginOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code incremental: {cursor: updated_at, lookback: 2h, nulls: fail}}: each extract reads only the
 * rows whose cursor column is above the highest value the latest committed load of an earlier date
 * saw, minus {@code lookback} (rows committed late, or updated twice within the window, are read
 * again; the upsert makes the overlap harmless). The state is committed with the load, in the same
 * transaction as the data, so a crash never moves it past rows that are not in the table. A first
 * extract reads every row.
 *
 * <p>Rows whose cursor is NULL would never be read by a {@code >} comparison: by default they fail
 * the extract ({@code nulls: fail}); {@code include} reads them on every extract, {@code skip}
 * leaves them out knowingly.
 */
record Incremental(String cursor, String lookback, Nulls nulls) {
  enum Nulls {
    FAIL,
    INCLUDE,
    SKIP
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /** The cursor's kind as the record carries it, and so how its bound is bound. */
  enum Kind {
    TIMESTAMP,
    TIMESTAMP_UTC,
    DATE,
    NUMBER
  }

  /** What the state says: the cursor column, its kind, the highest value read. */
  record State(String cursor, Kind kind, String max) {}

  static Incremental of(PluginOptions spec) {
    if (!spec.has("incremental")) {
      return null;
    }
    PluginOptions o = spec.options("incremental");
    return new Incremental(
        o.string("cursor", ""),
        o.string("lookback", null),
        Nulls.valueOf(o.string("nulls", "fail").toUpperCase(Locale.ROOT)));
  }

  static List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>();
    if (!spec.has("incremental")) {
      return problems;
    }
    PluginOptions o = spec.options("incremental");
    String cursor = o.string("cursor", "");
    if (!IDENTIFIER.matcher(cursor).matches()) {
      problems.add(
          "incremental.cursor: '"
              + cursor
              + "' must be a column name of the query's result"
              + " (letters, digits, _)");
    }
    String lookback = Lookback.problem(o.string("lookback", null));
    if (lookback != null) {
      problems.add(lookback);
    }
    return problems;
  }

  /**
   * The query reading only rows past the bound ({@code ?} last), or as written for a first read.
   */
  String query(String query, State previous) {
    if (previous == null) {
      return query;
    }
    String past = cursor + " > ?";
    String condition = nulls == Nulls.SKIP ? past : "(" + past + " OR " + cursor + " IS NULL)";
    return "SELECT * FROM (\n" + query + "\n) etlx_incremental WHERE " + condition;
  }

  /** The lower bound: the highest value read before, minus the lookback. */
  Object bound(State previous) {
    return switch (previous.kind()) {
      case TIMESTAMP -> LocalDateTime.parse(previous.max(), TIMESTAMP).minus(window());
      case TIMESTAMP_UTC ->
          LocalDateTime.parse(previous.max(), TIMESTAMP).minus(window()).atOffset(ZoneOffset.UTC);
      case DATE -> LocalDate.parse(previous.max()).minusDays(window().toDays());
      case NUMBER ->
          new BigDecimal(previous.max())
              .subtract(lookback == null ? BigDecimal.ZERO : new BigDecimal(lookback.trim()));
    };
  }

  private Duration window() {
    if (lookback == null) {
      return Duration.ZERO;
    }
    return Lookback.duration(lookback)
        .orElseThrow(
            () ->
                new EtlxException(
                    ErrorCode.INVALID_VALUE,
                    "source.incremental.lookback: '"
                        + lookback
                        + "' is a number, but "
                        + cursor
                        + " is a date or time: write e.g. 2h"));
  }

  /** Keeps the highest cursor value of the rows read. */
  final class Tracker {
    private Kind kind;
    private String max;
    private BigDecimal maxNumber;
    private final State previous;

    Tracker(State previous) {
      this.previous = previous;
      if (previous != null) {
        kind = previous.kind();
        max = previous.max();
        maxNumber = kind == Kind.NUMBER ? new BigDecimal(max) : null;
      }
    }

    /**
     * @param kind how the driver's column reads (null: not a date, time or number)
     * @param row names the row in errors
     */
    void see(Object value, Kind kind, String row) {
      if (value == null) {
        if (nulls == Nulls.FAIL) {
          throw new EtlxException(
              ErrorCode.SOURCE_GARBAGE,
              row
                  + " has no "
                  + cursor
                  + " (NULL): an incremental extract would never read it again; fix the data,"
                  + " or set incremental.nulls: include (read such rows on every extract) or skip");
        }
        return;
      }
      if (kind == null) {
        throw new EtlxException(
            ErrorCode.SOURCE_REJECTED,
            "incremental.cursor: "
                + cursor
                + " must be a date, a timestamp or a number, to read only what is past it");
      }
      this.kind = kind;
      if (kind == Kind.NUMBER) {
        BigDecimal number = new BigDecimal(value.toString());
        if (maxNumber == null || number.compareTo(maxNumber) > 0) {
          maxNumber = number;
          max = number.toPlainString();
        }
      } else {
        String text = value.toString(); // ISO forms: their order is the time order
        if (max == null || text.compareTo(max) > 0) {
          max = text;
        }
      }
    }

    /** The state to commit with this date's load: the previous one when nothing new was read. */
    String state() {
      if (max == null) {
        return previous == null ? null : write(previous);
      }
      return write(new State(cursor, kind, max));
    }
  }

  static State read(String state) {
    try {
      JsonNode node = JSON.readTree(state);
      return new State(
          node.path("cursor").asText(),
          Kind.valueOf(node.path("kind").asText()),
          node.path("max").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw new EtlxException(
          ErrorCode.CORRUPT_DATA,
          "the incremental state the last load committed cannot be read (" + state + ")",
          e);
    }
  }

  private static String write(State state) {
    ObjectNode node = JSON.createObjectNode();
    node.put("cursor", state.cursor()).put("kind", state.kind().name()).put("max", state.max());
    return node.toString();
  }
}
