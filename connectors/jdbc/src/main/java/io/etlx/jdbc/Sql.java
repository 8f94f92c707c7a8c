package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Small SQL building blocks shared by the dialects: identifiers are validated and double-quoted,
 * literals are only ever built here (values are otherwise bound as parameters or bulk-loaded).
 */
public final class Sql {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Sql() {}

  /** {@code "name"}; refuses anything that is not a plain identifier, whatever its source. */
  public static String quote(String identifier) {
    if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "'"
              + identifier
              + "' is not a valid SQL identifier: use letters, digits and '_', not starting with a"
              + " digit");
    }
    return "\"" + identifier + "\"";
  }

  /** {@code "schema"."table"}. */
  public static String table(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /** {@code "a", "b"}, or with a prefix: {@code s."a", s."b"}. */
  public static String columns(List<String> names, String prefix) {
    String p = prefix.isEmpty() ? "" : prefix + ".";
    return names.stream().map(n -> p + quote(n)).collect(Collectors.joining(", "));
  }

  /** {@code t."a" = s."a" AND t."b" = s."b"}. */
  public static String keyJoin(List<String> key, String left, String right) {
    return key.stream()
        .map(k -> left + "." + quote(k) + " = " + right + "." + quote(k))
        .collect(Collectors.joining(" AND "));
  }

  /** {@code "a" = excluded."a", …}: the update list of an upsert. */
  public static String assignFromExcluded(List<String> columns) {
    return columns.stream()
        .map(c -> quote(c) + " = excluded." + quote(c))
        .collect(Collectors.joining(", "));
  }

  /**
   * Binds a value portably: a {@code LocalDate} as {@code java.sql.Date}, which every driver takes
   * (Snowflake's rejects {@code LocalDate} in {@code setObject}).
   */
  /**
   * An instant as a timestamp without time zone holding its UTC wall-clock time, whatever the JVM's
   * time zone: etlx's own tables keep UTC.
   */
  public static java.sql.Timestamp utc(java.time.Instant instant) {
    return java.sql.Timestamp.valueOf(
        java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
  }

  public static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    statement.setObject(
        index, value instanceof LocalDate date ? java.sql.Date.valueOf(date) : value);
  }

  /** A single-quoted SQL string literal, for the few places that take no parameter (file paths). */
  public static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
