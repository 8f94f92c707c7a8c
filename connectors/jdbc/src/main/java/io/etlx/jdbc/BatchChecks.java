package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a staged batch before it is merged, in SQL so nothing is held in memory: no NULL in a key
 * column, no key twice, and (replace_partition) no row outside the logical date's partition.
 */
public final class BatchChecks {
  private static final int EXAMPLES = 5;

  private BatchChecks() {}

  public static void noNullKeys(Connection c, String staging, List<String> key, String what)
      throws SQLException {
    String anyNull =
        key.stream()
            .map(k -> Sql.quote(k) + " IS NULL")
            .reduce((a, b) -> a + " OR " + b)
            .orElseThrow();
    long count = count(c, "SELECT count(*) FROM " + staging + " WHERE " + anyNull);
    if (count > 0) {
      // the rows themselves: a NULL in one key column is found by the values in the others
      List<String> examples = new ArrayList<>();
      String sample = "SELECT " + Sql.columns(key, "") + " FROM " + staging + " WHERE " + anyNull;
      try (PreparedStatement statement = c.prepareStatement(sample)) {
        statement.setMaxRows(EXAMPLES);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            examples.add(describeKey(rs, key));
          }
        }
      }
      throw new EtlxException(
          ErrorCode.NULL_KEY,
          what
              + ": "
              + count
              + " row(s) have a NULL in primary key column(s) "
              + String.join(", ", key)
              + ", e.g. "
              + String.join(", ", examples)
              + "; every key column needs a value (fix the source data or the column mapping)");
    }
  }

  public static void uniqueKeys(Connection c, String staging, List<String> key, String what)
      throws SQLException {
    String columns = Sql.columns(key, "");
    String sql =
        "SELECT "
            + columns
            + ", count(*) AS n FROM "
            + staging
            + " GROUP BY "
            + columns
            + " HAVING count(*) > 1 ORDER BY n DESC, "
            + columns;
    List<String> examples = new ArrayList<>();
    long duplicated = 0;
    try (PreparedStatement statement = c.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        duplicated++;
        if (examples.size() < EXAMPLES) {
          examples.add(describeKey(rs, key) + " x" + rs.getLong(key.size() + 1));
        }
      }
    }
    if (duplicated > 0) {
      throw new EtlxException(
          ErrorCode.DUPLICATE_KEY,
          what
              + ": "
              + duplicated
              + " primary key value(s) appear more than once in the batch, e.g. "
              + String.join(", ", examples)
              + "; a batch must have one row per key (fix the source or the primary_key)");
    }
  }

  public static void insidePartition(
      Connection c, String staging, String column, LocalDate date, String what)
      throws SQLException {
    String sql =
        "SELECT count(*) FROM " + staging + " WHERE " + Sql.quote(column) + " IS DISTINCT FROM ?";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      Sql.bind(statement, 1, date);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        long outside = rs.getLong(1);
        if (outside > 0) {
          throw new EtlxException(
              ErrorCode.ROW_OUTSIDE_PARTITION,
              what
                  + ": "
                  + outside
                  + " row(s) have "
                  + column
                  + " other than "
                  + date
                  + "; replace_partition only loads rows of the logical date");
        }
      }
    }
  }

  private static String describeKey(ResultSet rs, List<String> key) throws SQLException {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      parts.add(key.get(i) + "=" + rs.getString(i + 1));
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
