package io.etlx.warehouse.sql;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CrashPoint;
import io.etlx.spi.DiffResult;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.QueryResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spec.WriteMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one load algorithm, for every SQL warehouse: DDL first (some warehouses commit DDL on their own),
 * then in one transaction: bulk-load the staging table, check keys, merge per write mode, write the
 * ledger row. Dialects supply the SQL, loaders the bulk load.
 */
public final class JdbcWarehouse implements Warehouse {
  private static final String STAGING = "_etlx_staging";
  private final SqlDialect dialect;
  private final StageLoader loader;
  private final Connections connections;
  private final String where;

  /** @param where names the warehouse in messages (a file or host, never credentials) */
  public JdbcWarehouse(SqlDialect dialect, StageLoader loader, Connections connections, String where) {
    this.dialect = dialect;
    this.loader = loader;
    this.connections = connections;
    this.where = where;
  }

  @Override
  public LoadResult load(LoadRequest request) {
    TableSpec table = request.table();
    String what = "load of " + table.schema() + "." + table.table() + " for " + request.ledger().date();
    try {
      Connection c = connections.borrow();
      try {
        boolean existed = Catalog.exists(c, table.schema(), table.table());
        applyDdl(c, ddl(c, table));
        execute(c, dialect.createStaging(table, STAGING));
        LoadResult result = inTransaction(c, request, existed, existed && request.skipIfLedgered(), what);
        loader.committed();
        return result;
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private LoadResult inTransaction(Connection c, LoadRequest request, boolean existed, boolean checkLedger, String what)
      throws SQLException {
    TableSpec table = request.table();
    c.setAutoCommit(false);
    try {
      if (table.mode() == WriteMode.APPEND && existed) {
        Optional<LedgerEntry> previous = Ledger.latest(c, table.schema(), table.table(), request.ledger().pipeline(),
            request.ledger().date());
        if (previous.isPresent()) {
          c.rollback();
          if (previous.get().rawChecksum().equals(request.ledger().rawChecksum())
              && previous.get().specFingerprint().equals(request.ledger().specFingerprint())) {
            return new LoadResult(0, 0, 0, true);
          }
          throw new EtlxException(ErrorCode.ALREADY_APPENDED, what + ": rows of " + request.ledger().date()
              + " were already appended (" + previous.get().committedAt() + ") from other raw data or another spec;"
              + " append never loads a date twice: delete those rows and their _etlx_loads entry, or use upsert or"
              + " replace_partition");
        }
      } else if (checkLedger && Ledger.contains(c, table.schema(), table.table(), request.ledger())) {
        c.rollback();
        return new LoadResult(0, 0, 0, true);
      }
      long staged = loader.load(c, STAGING, request);
      if (!table.primaryKey().isEmpty()) {
        BatchChecks.noNullKeys(c, STAGING, table.primaryKey(), what);
        BatchChecks.uniqueKeys(c, STAGING, table.primaryKey(), what);
      }
      if (table.partitionColumn() != null) {
        BatchChecks.insidePartition(c, STAGING, table.partitionColumn(), request.ledger().date(), what);
      }
      long[] counts = merge(c, dialect.merge(table, STAGING, request.ledger().date()));
      Ledger.insert(c, table.schema(), table.table(), request.ledger());
      CrashPoint.reach("load:before-commit");
      c.commit();
      CrashPoint.reach("load:after-commit");
      execute(c, List.of(dialect.dropStaging(STAGING)));
      return new LoadResult(staged, counts[0], counts[1], false);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private List<BoundSql> ddl(Connection c, TableSpec table) throws SQLException {
    return TablePlanner.plan(dialect, table, Catalog.columns(c, table.schema(), table.table()),
        TableVersions.read(c, table.schema(), table.table()));
  }

  @Override
  public List<String> plan(TableSpec table) {
    return withConnection("planning " + table.schema() + "." + table.table(), c -> render(ddl(c, table)));
  }

  @Override
  public List<String> migrate(TableSpec table) {
    return withConnection("migrating " + table.schema() + "." + table.table(), c -> {
      List<BoundSql> ddl = ddl(c, table);
      applyDdl(c, ddl);
      return render(ddl);
    });
  }

  @Override
  public void replace(TableSpec target, String shadow) {
    withConnection("replacing " + target.schema() + "." + target.table(), c -> {
      c.setAutoCommit(false);
      try {
        List<String> missing = Ledger.notIn(c, target.schema(), target.table(), shadow);
        if (!missing.isEmpty()) {
          throw new EtlxException(ErrorCode.USAGE, target.schema() + "." + target.table() + " holds loads the rebuilt"
              + " table lacks (" + String.join(", ", missing) + "), e.g. a run that committed during the rebuild or"
              + " another pipeline's; rebuild again with a range (and pipelines) that cover them");
        }
        execute(c, dialect.swap(target.schema(), target.table(), shadow));
        run(c, TableVersions.record(target.schema(), target.table(), target.version()));
        run(c, Ledger.adopt(target.schema(), target.table(), shadow));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  @Override
  public void drop(TableSpec table) {
    withConnection("dropping " + table.schema() + "." + table.table(), c -> {
      execute(c, List.of("DROP TABLE IF EXISTS " + DefaultSql.target(table)));
      if (Catalog.exists(c, table.schema(), Ledger.TABLE)) {
        run(c, List.of(Ledger.forget(table.schema(), table.table())));
      }
      return null;
    });
  }

  @Override
  public List<LocalDate> loadedDates(TableSpec table, String pipeline) {
    return withConnection("reading the load ledger", c -> {
      List<LocalDate> dates = new ArrayList<>();
      if (!Catalog.exists(c, table.schema(), Ledger.TABLE)) {
        return dates;
      }
      String sql = "SELECT DISTINCT logical_date FROM " + Sql.table(table.schema(), Ledger.TABLE)
          + " WHERE table_name = ? AND pipeline = ? ORDER BY 1";
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        statement.setString(1, table.table());
        statement.setString(2, pipeline);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            dates.add(rs.getDate(1).toLocalDate());
          }
        }
      }
      return dates;
    });
  }

  @Override
  public DiffResult diff(LoadRequest request, int samples) {
    TableSpec table = request.table();
    return withConnection("comparing " + table.schema() + "." + table.table(), c -> {
      boolean exists = Catalog.exists(c, table.schema(), table.table());
      if (exists && ddl(c, table).stream().anyMatch(s -> s.sql().startsWith("ALTER") || s.sql().startsWith("UPDATE"))) {
        throw new EtlxException(ErrorCode.INCOMPATIBLE_TABLE, table.schema() + "." + table.table()
            + " needs schema changes before this spec's rows can be compared (etlx plan shows them); a rerun would"
            + " apply them first: run etlx migrate, then diff");
      }
      execute(c, dialect.createStaging(table, STAGING));
      c.setAutoCommit(false);
      try {
        long staged = loader.load(c, STAGING, request);
        return new TableDiff(c, table, STAGING, samples).run(staged, request.ledger().date(), exists);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
        execute(c, List.of(dialect.dropStaging(STAGING)));
      }
    });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(String what, Work<T> work) {
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

  private static List<String> render(List<BoundSql> statements) {
    return statements.stream()
        .map(s -> s.sql() + (s.params().isEmpty() ? "" : "  -- bound: " + s.params())).toList();
  }

  /**
   * Applies a table plan all or nothing where DDL is transactional, so a failed upgrade (say a default
   * that does not cast) leaves the table at its old version, to be upgraded again once fixed.
   */
  private void applyDdl(Connection c, List<BoundSql> ddl) throws SQLException {
    if (!dialect.transactionalDdl()) {
      run(c, ddl);
      return;
    }
    c.setAutoCommit(false);
    try {
      run(c, ddl);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static void run(Connection c, List<BoundSql> statements) throws SQLException {
    merge(c, statements);
  }

  /** Runs the merge statements; returns {rows written, rows deleted}. */
  private static long[] merge(Connection c, List<BoundSql> statements) throws SQLException {
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

  private static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement statement = c.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Override
  public Optional<LedgerEntry> ledger(TableSpec table, String pipeline, LocalDate date) {
    return withConnection("reading the load ledger", c -> Catalog.exists(c, table.schema(), Ledger.TABLE)
        ? Ledger.latest(c, table.schema(), table.table(), pipeline, date) : Optional.empty());
  }

  @Override
  public QueryResult query(String sql, int maxRows) {
    try {
      Connection c = connections.borrow();
      try {
        return QueryRunner.run(c, sql, maxRows);
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      ErrorCode code = code(e) == ErrorCode.WAREHOUSE_UNAVAILABLE ? ErrorCode.WAREHOUSE_UNAVAILABLE : ErrorCode.INVALID_VALUE;
      throw new EtlxException(code, "query failed in " + dialect.name() + " (" + where + "): " + e.getMessage(), e);
    }
  }

  /** The error kind by SQLState class: unreachable (retry), the data or spec refused (fix), or other. */
  private static ErrorCode code(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
      return ErrorCode.WAREHOUSE_UNAVAILABLE;
    }
    boolean refused = state.startsWith("22") || state.startsWith("23") || state.startsWith("42");
    return refused ? ErrorCode.WAREHOUSE_REJECTED : ErrorCode.WAREHOUSE_FAILED;
  }

  private EtlxException failure(String what, SQLException e) {
    ErrorCode code = code(e);
    String hint = code == ErrorCode.WAREHOUSE_UNAVAILABLE ? "; a rerun later is safe"
        : code == ErrorCode.WAREHOUSE_REJECTED ? "; fix the data or the spec, then rerun" : "";
    return new EtlxException(code, what + " failed in " + dialect.name() + " (" + where + "): " + e.getMessage() + hint, e);
  }

  @Override
  public void close() {
    connections.close();
  }
}
