package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.QueryResult;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code etlx query}: one query where the database itself refuses every write (a read-only
 * transaction, or a connection that cannot write), never committed. The guard is the database's,
 * not a look at the SQL's keywords: a {@code DROP}, an {@code UPDATE}, a {@code nextval()} or a
 * data-modifying {@code WITH} are all refused by the warehouse.
 */
public final class ReadOnlyQuery {
  private ReadOnlyQuery() {}

  static QueryResult run(SqlDialect dialect, Connection c, String sql, int maxRows)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    dialect.beginReadOnly(c, sql);
    try {
      return QueryRunner.run(c, sql, maxRows);
    } finally {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      if (c.isReadOnly()) {
        c.setReadOnly(false);
      }
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Refuses a text the driver would send as several statements: after the first, a {@code COMMIT}
   * could end the read-only transaction and the next statement run outside it.
   *
   * @param statements how many statements the warehouse's driver splits the text into
   */
  public static void requireOneStatement(int statements) {
    if (statements > 1) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "query runs one statement at a time, and this text holds "
              + statements
              + " (separated by ';'): run them one by one");
    }
  }

  /** The message for a write the database refused, naming the way out. */
  static EtlxException refused(SqlDialect dialect, String where, SQLException e) {
    return new EtlxException(
        ErrorCode.WAREHOUSE_REJECTED,
        "query only reads, and "
            + dialect.name()
            + " ("
            + where
            + ") refused a write: "
            + firstLine(e.getMessage())
            + "; change tables through a pipeline (run, migrate, rebuild) or the warehouse's own"
            + " client",
        e);
  }

  static String firstLine(String message) {
    String text = String.valueOf(message).strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }
}
