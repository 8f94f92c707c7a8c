package io.etlx.source.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.Lookback;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RecordSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code incremental: {param: updated_since, cursor: updated_at, lookback: 1h}} for an API that can
 * filter by a change time or number: the highest {@code cursor} the latest committed load of an
 * earlier date read, minus {@code lookback}, is sent as the query parameter {@code param}; the new
 * highest value is committed with this date's load. A first extract sends no bound. A record
 * without the cursor fails the extract unless {@code nulls: include}.
 */
record HttpIncremental(String param, String cursor, String lookback, boolean includeNulls) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static HttpIncremental of(PluginOptions spec) {
    if (!spec.has("incremental")) {
      return null;
    }
    PluginOptions o = spec.options("incremental");
    return new HttpIncremental(
        o.string("param", ""),
        o.string("cursor", ""),
        o.string("lookback", null),
        "include".equals(o.string("nulls", "fail").toLowerCase(Locale.ROOT)));
  }

  static List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>();
    if (!spec.has("incremental")) {
      return problems;
    }
    String lookback = Lookback.problem(spec.options("incremental").string("lookback", null));
    if (lookback != null) {
      problems.add(lookback);
    }
    return problems;
  }

  /** The query parameter for this extract: the previous mark minus the lookback, or none. */
  Map<String, String> query(RecordSink records) {
    Optional<String> max = previous(records);
    return max.map(m -> Map.of(param, bound(m))).orElse(Map.of());
  }

  private Optional<String> previous(RecordSink records) {
    return records
        .previousState()
        .flatMap(
            state -> {
              try {
                var node = JSON.readTree(state);
                return cursor.equals(node.path("cursor").asText())
                    ? Optional.of(node.path("max").asText())
                    : Optional.empty(); // a new cursor starts over
              } catch (IOException e) {
                throw new EtlxException(
                    ErrorCode.CORRUPT_DATA,
                    "the incremental state cannot be read (" + state + ")",
                    e);
              }
            });
  }

  /** {@code max} minus the lookback, written as {@code max} was. */
  String bound(String max) {
    if (lookback == null) {
      return max;
    }
    if (Lookback.isNumber(max)) {
      return new BigDecimal(max).subtract(new BigDecimal(lookback.trim())).toPlainString();
    }
    Optional<Duration> duration = Lookback.duration(lookback);
    if (duration.isEmpty()) {
      return max;
    }
    Duration window = duration.get();
    try {
      return OffsetDateTime.parse(max)
          .minus(window)
          .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(max.replace(' ', 'T'))
            .minus(window)
            .format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      } catch (DateTimeParseException e2) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            "incremental.cursor: "
                + cursor
                + " holds '"
                + max
                + "', neither an ISO time nor a number, so no lookback can be taken from it");
      }
    }
  }

  /** Watches the records for the highest cursor, and saves it at the end. */
  final class Watch implements RecordSink {
    private final RecordSink records;
    private String max;
    private BigDecimal maxNumber;
    private long seen;

    Watch(RecordSink records) {
      this.records = records;
    }

    @Override
    public void emit(Map<String, ?> record) {
      seen++;
      Object value = at(record);
      if (value == null) {
        if (!includeNulls) {
          throw new EtlxException(
              ErrorCode.SOURCE_GARBAGE,
              "record "
                  + seen
                  + " has no "
                  + cursor
                  + ": an incremental extract would never read"
                  + " it again; set incremental.nulls: include to read such records anyway");
        }
      } else if (value instanceof Number n) {
        BigDecimal number = new BigDecimal(n.toString());
        if (maxNumber == null || number.compareTo(maxNumber) > 0) {
          maxNumber = number;
          max = number.toPlainString();
        }
      } else {
        String text = value.toString();
        if (max == null || text.compareTo(max) > 0) {
          max = text;
        }
      }
      records.emit(record);
    }

    @Override
    public Optional<String> previousState() {
      return records.previousState();
    }

    /** Saves the new mark, or keeps the previous one when nothing new was read. */
    void finish() {
      Optional<String> state =
          max != null
              ? Optional.of(write(max))
              : previous(records).map(HttpIncremental.this::write);
      state.ifPresent(records::saveState);
    }

    private Object at(Map<String, ?> record) {
      if (!cursor.startsWith("/")) {
        return record.get(cursor);
      }
      Object node = record;
      for (String step : cursor.substring(1).split("/")) {
        if (!(node instanceof Map<?, ?> map)) {
          return null;
        }
        node = map.get(step.replace("~1", "/").replace("~0", "~"));
      }
      return node;
    }
  }

  private String write(String max) {
    ObjectNode node = JSON.createObjectNode();
    node.put("cursor", cursor).put("max", max);
    return node.toString();
  }
}
