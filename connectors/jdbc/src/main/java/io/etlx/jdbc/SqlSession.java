package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Running statements for a {@link JdbcWarehouse}: a connection per unit of work, bound statements
 * with their update counts, DDL applied all or nothing where the dialect allows, and SQL errors
 * turned into etlx errors by SQLState class (unreachable: retry; refused: fix the data or spec).
 */
final class SqlSession {
  private final SqlDialect dialect;
  private final Connections connections;
  private final String where;

  SqlSession(SqlDialect dialect, Connections connections, String where) {
    this.dialect = dialect;
    this.connections = connections;
    this.where = where;
  }

  <T> T withConnection(String what, Transaction.Work<T> work) {
    try {
      Connection c = connections.borrow();
      try {
        return work.run(c);
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Plans and applies what a table needs, all or nothing where DDL is transactional, so a failed
   * upgrade (say a default that does not cast) leaves the table at its old version, to be upgraded
   * again once fixed. Where the dialect has a lock for it, the schema's DDL is serialised: two
   * workers that both find a table missing never both create it, and one never forgets the other's
   * fresh ledger rows.
   */
  TablePlan prepare(Connection c, String schema, Transaction.Work<TablePlan> planner)
      throws SQLException {
    if (!dialect.capabilities().transactionalDdl()) {
      TablePlan plan = planner.run(c);
      run(c, plan.statements());
      return plan;
    }
    return Transaction.run(
        c,
        tx -> {
          String lock = dialect.ddlLock();
          if (lock != null) {
            try (PreparedStatement statement = tx.prepareStatement(lock)) {
              statement.setString(1, "etlx:ddl:" + schema);
              statement.execute();
            }
          }
          TablePlan plan = planner.run(tx);
          run(tx, plan.statements());
          return plan;
        });
  }

  static void run(Connection c, List<BoundSql> statements) throws SQLException {
    merge(c, statements);
  }

  /** Runs the merge statements; returns {rows written, rows deleted}. */
  static long[] merge(Connection c, List<BoundSql> statements) throws SQLException {
    long[] counts = new long[2];
    for (BoundSql s : statements) {
      try (PreparedStatement statement = c.prepareStatement(s.sql())) {
        for (int p = 0; p < s.params().size(); p++) {
          Sql.bind(statement, p + 1, s.params().get(p));
        }
        long count = statement.executeLargeUpdate();
        if (s.count() != BoundSql.Count.NONE) {
          counts[s.count() == BoundSql.Count.WRITTEN ? 0 : 1] += count;
        }
      }
    }
    return counts;
  }

  static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement statement = c.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /**
   * The error kind by SQLState class: unreachable (retry), the data or spec refused (fix), or
   * other.
   */
  static ErrorCode code(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
      return ErrorCode.WAREHOUSE_UNAVAILABLE;
    }
    if (state.equals("42501")) {
      return ErrorCode.PERMISSION_DENIED; // neither the data's fault nor fixed by waiting
    }
    // deadlock, serialisation failure, lock not available: a concurrent transaction won; try again
    if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
      return ErrorCode.WAREHOUSE_CONFLICT;
    }
    boolean refused = state.startsWith("22") || state.startsWith("23") || state.startsWith("42");
    return refused ? ErrorCode.WAREHOUSE_REJECTED : ErrorCode.WAREHOUSE_FAILED;
  }

  EtlxException failure(String what, SQLException e) {
    ErrorCode code = code(e);
    String hint =
        code == ErrorCode.WAREHOUSE_UNAVAILABLE || code == ErrorCode.WAREHOUSE_CONFLICT
            ? "; a rerun later is safe"
            : code == ErrorCode.WAREHOUSE_REJECTED
                ? "; fix the data or the spec, then rerun"
                : code == ErrorCode.PERMISSION_DENIED
                    ? "; grant the loading role that privilege (README: privileges), then rerun"
                    : "";
    return new EtlxException(
        code,
        what + " failed in " + dialect.name() + " (" + where + "): " + e.getMessage() + hint,
        e);
  }
}
