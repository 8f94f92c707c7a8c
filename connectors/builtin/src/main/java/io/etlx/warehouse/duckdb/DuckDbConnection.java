package io.etlx.warehouse.duckdb;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.Connections;
import io.etlx.jdbc.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * One connection to a DuckDB file, opened on first use and kept: DuckDB allows one writing process
 * per file, and opening it costs most of a second.
 */
final class DuckDbConnection implements Connections {
  /** The name the warehouse file is attached under. */
  static final String CATALOG = "etlx_warehouse";

  private final Path file;
  private final String memoryLimit;
  private final int threads;
  private Connection connection;
  private Connection reading;

  DuckDbConnection(Path file, String memoryLimit, int threads) {
    this.file = file;
    this.memoryLimit = memoryLimit;
    this.threads = threads;
  }

  @Override
  public synchronized Connection borrow() throws SQLException {
    if (connection == null) {
      connection = open();
    }
    return connection;
  }

  @Override
  public synchronized void release(Connection c) throws SQLException {
    if (c == reading) {
      reading = null;
      c.close();
    }
    // the writable connection is kept open for the next load
  }

  /**
   * A connection of its own for {@code etlx query}, closed by {@link #release}: the file attached
   * {@code READ_ONLY}, so DuckDB refuses every write in any statement; and with file access off and
   * the configuration locked, so no statement can attach the file again for writing or turn that
   * back on. DuckDB attaches a file once per process: the writable connection is closed first (the
   * next {@link #borrow} opens it again). Before the first load there is no file, and none is
   * created: the query sees an empty database in memory.
   */
  @Override
  public synchronized Connection borrowForReading() throws SQLException {
    return borrowForReading(null);
  }

  /**
   * The same, with {@code schema} (when not null) as the default schema of unqualified names: set
   * before the configuration is locked, which forbids changing it afterwards.
   */
  @Override
  public synchronized Connection borrowForReading(String schema) throws SQLException {
    close();
    reading =
        Files.exists(file)
            ? attach(Sql.literal(absolute()) + " AS " + CATALOG + " (READ_ONLY)")
            : attach("':memory:' AS " + CATALOG);
    try (Statement statement = reading.createStatement()) {
      if (schema != null) {
        useSchema(statement, schema);
      }
      statement.execute("SET enable_external_access = false");
      statement.execute("SET lock_configuration = true");
    } catch (SQLException | RuntimeException e) {
      // never leave the file attached read-only: the next load could not attach it for writing
      Connection failed = reading;
      reading = null;
      failed.close();
      throw e;
    }
    return reading;
  }

  private void useSchema(Statement statement, String schema) throws SQLException {
    try (var rs =
        statement.executeQuery(
            "SELECT count(*) FROM information_schema.schemata WHERE catalog_name = '"
                + CATALOG
                + "' AND schema_name = "
                + Sql.literal(schema))) {
      rs.next();
      if (rs.getLong(1) == 0) {
        throw new EtlxException(
            ErrorCode.UPSTREAM_NOT_LOADED,
            "schema "
                + schema
                + " of DuckDB file "
                + file
                + " does not exist yet: nothing has been loaded into it; run the pipelines the"
                + " model reads first (depends_on)");
      }
    }
    statement.execute("USE " + CATALOG + "." + Sql.quote(schema));
  }

  /**
   * Closes the kept writable connection while no one uses it (e.g. between two looks at the ledger
   * while waiting for upstreams), so another process may write the file meanwhile; the next {@link
   * #borrow} opens it again.
   */
  @Override
  public synchronized void idle() {
    if (reading == null) {
      close();
    }
  }

  private Connection open() throws SQLException {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.WAREHOUSE_UNAVAILABLE,
          "cannot create " + file.getParent() + ": " + e.getMessage(),
          e);
    }
    return attach(Sql.literal(absolute()) + " AS " + CATALOG);
  }

  private String absolute() {
    return file.toAbsolutePath().toString();
  }

  // attached under a fixed name rather than opened directly: a file named like a schema
  // (analytics.duckdb + schema analytics) would make every "analytics"."t" ambiguous
  private Connection attach(String what) throws SQLException {
    // the driver itself, not DriverManager: that loads every driver on the class path first (the
    // Snowflake driver alone is ~900 classes and half a second)
    Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
    try (Statement statement = c.createStatement()) {
      statement.execute("ATTACH " + what);
      statement.execute("USE " + CATALOG);
      if (memoryLimit != null) {
        statement.execute("SET memory_limit = " + Sql.literal(memoryLimit));
      }
      if (threads > 0) {
        statement.execute("SET threads = " + threads);
      }
      return c;
    } catch (SQLException e) {
      c.close();
      if (String.valueOf(e.getMessage()).contains("lock")) {
        throw new EtlxException(
            ErrorCode.WAREHOUSE_UNAVAILABLE,
            "DuckDB file "
                + file
                + " is in use by another process (DuckDB allows one writer); retry when it is"
                + " free",
            e);
      }
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (reading != null) {
      try {
        reading.close();
      } catch (SQLException e) {
        // closing only fails when the process is going down anyway
      }
      reading = null;
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing only fails when the process is going down anyway
      }
      connection = null;
    }
  }
}
