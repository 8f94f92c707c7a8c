package io.etlx.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place etlx commits a warehouse transaction. The work runs with auto-commit off; it is
 * committed if it returns and rolled back if it throws. What happens after the commit — restoring
 * auto-commit, the caller's clean-up — can no longer change the outcome: a committed load stays
 * committed even when dropping its staging table fails.
 */
public final class Transaction {
  private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

  private Transaction() {}

  /** Work on a connection inside a transaction. */
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Called right before and right after the commit (the crash tests halt the process there). */
  public interface Hooks {
    Hooks NONE = new Hooks() {};

    default void beforeCommit() {}

    default void afterCommit() {}
  }

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public static <T> T run(Connection c, Work<T> work) throws SQLException {
    return run(c, Hooks.NONE, work);
  }

  public static <T> T run(Connection c, Hooks hooks, Work<T> work) throws SQLException {
    T result;
    c.setAutoCommit(false);
    try {
      result = work.run(c);
      hooks.beforeCommit();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      rollback(c, e);
      restoreAutoCommit(c);
      throw e;
    }
    restoreAutoCommit(c);
    hooks.afterCommit();
    return result;
  }

  /**
   * Runs {@code work} in a transaction that is always rolled back: for reads that stage data (a
   * diff).
   */
  public static <T> T rolledBack(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      return work.run(c);
    } finally {
      try {
        c.rollback();
      } finally {
        restoreAutoCommit(c);
      }
    }
  }

  /**
   * Runs clean-up after a transaction ended, committed or not. Its failure is logged, never thrown:
   * it must neither turn a committed load into a failed one nor hide the error that rolled a load
   * back.
   */
  public static void afterwards(String what, Work<?> cleanUp, Connection c) {
    try {
      cleanUp.run(c);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("{} (after the transaction ended; its outcome stands): {}", what, e.getMessage());
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(
          e); // the original error is what the user needs; the connection is discarded
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      LOG.debug(
          "cannot restore auto-commit; the connection is probably broken: {}", e.getMessage());
    }
  }
}
