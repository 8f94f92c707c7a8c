package io.etlx.jdbc;

import java.util.List;

/**
 * A statement and its bound parameters (values are never concatenated into SQL), and how its update
 * count is reported: rows written, rows deleted, or neither (the delete half of a delete + insert).
 */
public record BoundSql(String sql, List<Object> params, Count count) {
  public enum Count {
    WRITTEN,
    DELETED,
    NONE
  }

  public BoundSql {
    params = List.copyOf(params);
  }

  public static BoundSql write(String sql) {
    return new BoundSql(sql, List.of(), Count.WRITTEN);
  }

  public static BoundSql delete(String sql, List<Object> params) {
    return new BoundSql(sql, params, Count.DELETED);
  }

  public static BoundSql uncounted(String sql) {
    return new BoundSql(sql, List.of(), Count.NONE);
  }
}
