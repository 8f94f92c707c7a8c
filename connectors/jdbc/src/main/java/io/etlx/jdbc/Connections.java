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

  @Override
  void close();
}
