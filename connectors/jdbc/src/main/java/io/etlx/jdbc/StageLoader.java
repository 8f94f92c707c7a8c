package io.etlx.jdbc;

import io.etlx.spi.LoadRequest;
import java.sql.Connection;
import java.sql.SQLException;

/** Bulk-loads a rows file into the staging table, the way each warehouse does it fastest. */
public interface StageLoader {
  /** Loads {@code request.rows()} into {@code staging}; returns the number of rows staged. */
  long load(Connection c, String staging, LoadRequest request) throws SQLException;

  /** The load as SQL text, for golden files and error messages. */
  String describe(String staging, LoadRequest request);

  /**
   * Called after the load's transaction ended, committed or rolled back (e.g. to delete staged
   * files). A failure here is logged and never changes the load's outcome.
   */
  default void finished() {}
}
