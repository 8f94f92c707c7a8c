package io.etlx.warehouse.duckdb;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.ColumnSpec;
import io.etlx.spi.CrashPoint;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.QueryResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.warehouse.sql.BatchChecks;
import io.etlx.warehouse.sql.Ledger;
import io.etlx.warehouse.sql.QueryRunner;
import io.etlx.warehouse.sql.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * DuckDB, embedded: one database file, one writing process. Rows are bulk-loaded by DuckDB's own CSV
 * reader into a temporary staging table, checked, then merged with {@code INSERT … ON CONFLICT} (its
 * {@code MERGE} degrades after deletes) together with the ledger row, in one transaction.
 */
final class DuckDbWarehouse implements Warehouse {
  private static final String STAGING = "_etlx_staging";
  private final Path file;
  private final String memoryLimit;
  private final int threads;
  private Connection connection;

  DuckDbWarehouse(Path file, String memoryLimit, int threads) {
    this.file = file;
    this.memoryLimit = memoryLimit;
    this.threads = threads;
  }

  @Override
  public LoadResult load(LoadRequest request) {
    TableSpec table = request.table();
    String what = "load of " + table.schema() + "." + table.table() + " for " + request.ledger().date();
    try {
      Connection c = connection();
      boolean tableExisted = DuckDbTable.exists(c, table.schema(), table.table());
      DuckDbTable.apply(c, DuckDbTable.plan(c, table));
      c.setAutoCommit(false);
      try {
        LoadResult result = loadInTransaction(c, request, tableExisted && request.skipIfLedgered(), what);
        CrashPoint.reach("load:before-commit");
        c.commit();
        CrashPoint.reach("load:after-commit");
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new EtlxException(ErrorCode.WAREHOUSE_FAILED, what + " failed in DuckDB (" + file + "): " + e.getMessage(), e);
    }
  }

  private LoadResult loadInTransaction(Connection c, LoadRequest request, boolean checkLedger, String what)
      throws SQLException {
    TableSpec table = request.table();
    if (checkLedger && Ledger.contains(c, table.schema(), request.ledger())) {
      return new LoadResult(0, 0, 0, true);
    }
    long staged = stage(c, request);
    if (!table.primaryKey().isEmpty()) {
      BatchChecks.noNullKeys(c, STAGING, table.primaryKey(), what);
      BatchChecks.uniqueKeys(c, STAGING, table.primaryKey(), what);
    }
    LoadResult result = DuckDbMerge.merge(c, table, STAGING, request.ledger().date(), staged, what);
    Ledger.insert(c, table.schema(), request.ledger());
    try (Statement statement = c.createStatement()) {
      statement.execute("DROP TABLE " + STAGING);
    }
    return result;
  }

  /** Bulk-loads the rows file with DuckDB's CSV reader; typed by the spec, no type sniffing. */
  private static long stage(Connection c, LoadRequest request) throws SQLException {
    String types = request.table().columns().stream()
        .map(col -> Sql.literal(col.name()) + ": " + Sql.literal(DuckDbTypes.of(col.type())))
        .collect(Collectors.joining(", "));
    String sql = "CREATE OR REPLACE TEMP TABLE " + STAGING + " AS SELECT * FROM read_csv("
        + Sql.literal(request.rows().toAbsolutePath().toString())
        + ", header = true, auto_detect = false, columns = {" + types + "}, delim = ',', quote = '\"', escape = '\"',"
        + " allow_quoted_nulls = false, compression = 'gzip', timestampformat = '%Y-%m-%d %H:%M:%S.%f')";
    try (Statement statement = c.createStatement()) {
      statement.execute(sql);
      try (var rs = statement.executeQuery("SELECT count(*) FROM " + STAGING)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public Optional<LedgerEntry> ledger(String schema, String pipeline, LocalDate date) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Connection c = connection();
      if (!DuckDbTable.exists(c, schema, Ledger.TABLE)) {
        return Optional.empty();
      }
      return Ledger.latest(c, schema, pipeline, date);
    } catch (SQLException e) {
      throw new EtlxException(ErrorCode.WAREHOUSE_FAILED, "cannot read the load ledger in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public QueryResult query(String sql, int maxRows) {
    try {
      return QueryRunner.run(connection(), sql, maxRows);
    } catch (SQLException e) {
      throw new EtlxException(ErrorCode.INVALID_VALUE, "query failed in DuckDB (" + file + "): " + e.getMessage(), e);
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new EtlxException(ErrorCode.WAREHOUSE_UNAVAILABLE, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
      }
      connection = open();
    }
    return connection;
  }

  private Connection open() throws SQLException {
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
      try (Statement statement = c.createStatement()) {
        if (memoryLimit != null) {
          statement.execute("SET memory_limit = " + Sql.literal(memoryLimit));
        }
        if (threads > 0) {
          statement.execute("SET threads = " + threads);
        }
      }
      return c;
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("lock")) {
        throw new EtlxException(
            ErrorCode.WAREHOUSE_UNAVAILABLE,
            "DuckDB file " + file + " is in use by another process (DuckDB allows one writer); retry when it is free", e);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing a read/write connection only fails if the process is going down anyway
      }
      connection = null;
    }
  }

  static String columnList(TableSpec table) {
    return Sql.columns(table.columns().stream().map(ColumnSpec::name).toList(), "");
  }
}
