package io.etlx.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's query as the warehouse runs it: each {@code ${date}} becomes a {@code ?} bound to the
 * logical date. No other reference is resolved in SQL, so no value is ever pasted into it.
 */
record ModelSql(String sql, List<Object> params) {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  /** Why {@code query} cannot be a model's query, if it cannot. */
  static Optional<String> check(String query) {
    if (query.matches("(?s).*['\"]\\$\\{date}['\"].*")) {
      return Optional.of(
          "write ${date} without quotes: it is bound as a DATE parameter, and a quoted one would be"
              + " the text '${date}'");
    }
    Matcher m = REFERENCE.matcher(query);
    while (m.find()) {
      if (!m.group(1).equals("date")) {
        return Optional.of(
            "${"
                + m.group(1)
                + "} is not resolved in a model's query: ${date} is bound as the logical date, and"
                + " table names resolve in the environment's schema without one");
      }
    }
    return Optional.empty();
  }

  static ModelSql of(String query, LocalDate date) {
    check(query)
        .ifPresent(
            problem -> {
              throw new io.etlx.error.EtlxException(io.etlx.error.ErrorCode.INVALID_VALUE, problem);
            });
    List<Object> params = new ArrayList<>();
    Matcher m = REFERENCE.matcher(query);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sql, "?");
      params.add(date);
    }
    m.appendTail(sql);
    return new ModelSql(sql.toString().strip().replaceAll(";\\s*$", ""), params);
  }
}
