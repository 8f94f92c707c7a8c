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
  private final SqlSession session;

  /** @param where names the warehouse in messages (a file or host, never credentials) */
  public JdbcWarehouse(SqlDialect dialect, StageLoader loader, Connections connections, String where) {
    this.dialect = dialect;
    this.loader = loader;
    this.connections = connections;
    this.where = where;
    this.session = new SqlSession(dialect, connections, where);
  }

  @Override
  public LoadResult load(LoadRequest request) {
    TableSpec table = request.table();
    String what = "load of " + table.schema() + "." + table.table() + " for " + request.ledger().date();
    try {
      Connection c = connections.borrow();
      try {
        boolean existed = Catalog.exists(c, table.schema(), table.table());
        session.applyDdl(c, ddl(c, table));
        SqlSession.execute(c, dialect.createStaging(table, STAGING));
        LoadResult result = inTransaction(c, request, existed, existed && request.skipIfLedgered(), what);
        loader.committed();
        return result;
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      throw session.failure(what, e);
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
      long[] counts = SqlSession.merge(c, dialect.merge(table, STAGING, request.ledger().date()));
      Ledger.insert(c, table.schema(), table.table(), request.ledger());
      CrashPoint.reach("load:before-commit");
      c.commit();
      CrashPoint.reach("load:after-commit");
      SqlSession.execute(c, List.of(dialect.dropStaging(STAGING)));
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
    return session.withConnection("planning " + table.schema() + "." + table.table(), c -> SqlSession.render(ddl(c, table)));
  }

  @Override
  public List<String> migrate(TableSpec table) {
    return session.withConnection("migrating " + table.schema() + "." + table.table(), c -> {
      List<BoundSql> ddl = ddl(c, table);
      session.applyDdl(c, ddl);
      return SqlSession.render(ddl);
    });
  }

  @Override
  public void replace(TableSpec target, String shadow) {
    session.withConnection("replacing " + target.schema() + "." + target.table(), c -> SqlSession.inTransaction(c, tx -> {
      List<String> missing = Ledger.notIn(tx, target.schema(), target.table(), shadow);
      if (!missing.isEmpty()) {
        throw new EtlxException(ErrorCode.USAGE, target.schema() + "." + target.table() + " holds loads the rebuilt"
            + " table lacks (" + String.join(", ", missing) + "), e.g. a run that committed during the rebuild or"
            + " another pipeline's; rebuild again with a range (and pipelines) that cover them");
      }
      SqlSession.execute(tx, dialect.swap(target.schema(), target.table(), shadow));
      SqlSession.run(tx, TableVersions.record(target.schema(), target.table(), target.version()));
      SqlSession.run(tx, Ledger.adopt(target.schema(), target.table(), shadow));
      return null;
    }));
  }

  @Override
  public void drop(TableSpec table) {
    session.withConnection("dropping " + table.schema() + "." + table.table(), c -> {
      SqlSession.execute(c, List.of("DROP TABLE IF EXISTS " + DefaultSql.target(table)));
      if (Catalog.exists(c, table.schema(), Ledger.TABLE)) {
        SqlSession.run(c, List.of(Ledger.forget(table.schema(), table.table())));
      }
      return null;
    });
  }

  @Override
  public List<LocalDate> loadedDates(TableSpec table, String pipeline) {
    return session.withConnection("reading the load ledger", c -> {
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
    return session.withConnection("comparing " + table.schema() + "." + table.table(), c -> {
      boolean exists = Catalog.exists(c, table.schema(), table.table());
      if (exists && ddl(c, table).stream().anyMatch(s -> s.sql().startsWith("ALTER") || s.sql().startsWith("UPDATE"))) {
        throw new EtlxException(ErrorCode.INCOMPATIBLE_TABLE, table.schema() + "." + table.table()
            + " needs schema changes before this spec's rows can be compared (etlx plan shows them); a rerun would"
            + " apply them first: run etlx migrate, then diff");
      }
      SqlSession.execute(c, dialect.createStaging(table, STAGING));
      c.setAutoCommit(false);
      try {
        long staged = loader.load(c, STAGING, request);
        return new TableDiff(c, table, STAGING, samples).run(staged, request.ledger().date(), exists);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
        SqlSession.execute(c, List.of(dialect.dropStaging(STAGING)));
      }
    });
  }

  @Override
  public Optional<LedgerEntry> ledger(TableSpec table, String pipeline, LocalDate date) {
    return session.withConnection("reading the load ledger", c -> Catalog.exists(c, table.schema(), Ledger.TABLE)
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
      ErrorCode code = SqlSession.code(e) == ErrorCode.WAREHOUSE_UNAVAILABLE ? ErrorCode.WAREHOUSE_UNAVAILABLE : ErrorCode.INVALID_VALUE;
      throw new EtlxException(code, "query failed in " + dialect.name() + " (" + where + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    connections.close();
  }
}
