package io.etlx.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a warehouse gets its connection: a pool for servers, one kept connection for an embedded
 * file.
 */
public interface Connections extends AutoCloseable {
  Connection borrow() throws SQLException;

  /** Gives the connection back (closing a pooled connection returns it to the pool). */
  void release(Connection connection) throws SQLException;

  /**
   * A connection for {@code etlx query}, given back with {@link #release}. The default is {@link
   * #borrow}: {@link SqlDialect#beginReadOnly} makes its transaction read-only. An embedded file
   * may instead open a connection of its own that cannot write at all.
   */
  default Connection borrowForReading() throws SQLException {
    return borrow();
  }

  /**
   * {@link #borrowForReading} with unqualified names resolving in {@code schema}, where the
   * connection itself must say so (a dialect's {@link SqlDialect#useSchema} cannot); the default
   * leaves that to the dialect.
   */
  default Connection borrowForReading(String schema) throws SQLException {
    return borrowForReading();
  }

  /** Gives up what is kept open between calls (an embedded file's connection); a pool keeps it. */
  default void idle() {}

  @Override
  void close();
}
