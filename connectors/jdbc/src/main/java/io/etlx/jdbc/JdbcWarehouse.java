package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.DataCheck;
import io.etlx.spi.DiffResult;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.QueryResult;
import io.etlx.spi.RecordSink;
import io.etlx.spi.SchemaPlan;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one load algorithm, for every SQL warehouse: DDL first (some warehouses commit DDL on their
 * own), then in one transaction: bulk-load the staging table, check keys, run the declared data
 * checks (quarantining rows where asked), merge per write mode, write the ledger row. Dialects
 * supply the SQL, loaders the bulk load.
 */
public final class JdbcWarehouse implements Warehouse {
  private static final String STAGING = "_etlx_staging";
  private final SqlDialect dialect;
  private final StageLoader loader;
  private final Connections connections;
  private final String where;
  private final SqlSession session;
  private final Clock clock;

  /**
   * @param where names the warehouse in messages (a file or host, never credentials)
   */
  public JdbcWarehouse(
      SqlDialect dialect, StageLoader loader, Connections connections, String where) {
    this(dialect, loader, connections, where, Clock.systemUTC());
  }

  /**
   * @param clock the engine's clock, for the times etlx's own tables record
   */
  public JdbcWarehouse(
      SqlDialect dialect, StageLoader loader, Connections connections, String where, Clock clock) {
    this.clock = clock;
    this.dialect = dialect;
    this.loader = loader;
    this.connections = connections;
    this.where = where;
    this.session = new SqlSession(dialect, connections, where);
  }

  @Override
  public LoadResult load(LoadRequest request) {
    TableSpec table = request.table();
    String what =
        "load of " + table.schema() + "." + table.table() + " for " + request.ledger().date();
    return session.withConnection(
        what,
        c -> {
          TablePlan plan = session.prepare(c, table.schema(), tx -> plan(tx, table));
          boolean existed = !plan.createsTable();
          SqlSession.execute(c, dialect.createStaging(table, STAGING));
          try {
            return Transaction.run(
                c, hooks(request.hooks()), tx -> loadStaged(tx, request, existed, what));
          } finally {
            Transaction.afterwards(
                "dropping the staging table of the " + what,
                tx -> {
                  SqlSession.execute(tx, List.of(dialect.dropStaging(STAGING)));
                  return null;
                },
                c);
            Transaction.afterwards(
                "cleaning up the files staged for the " + what,
                tx -> {
                  loader.finished();
                  return null;
                },
                c);
          }
        });
  }

  private static Transaction.Hooks hooks(LoadRequest.CommitHooks hooks) {
    return new Transaction.Hooks() {
      @Override
      public void beforeCommit() {
        hooks.beforeCommit();
      }

      @Override
      public void afterCommit() {
        hooks.afterCommit();
      }
    };
  }

  /**
   * Inside the load's transaction: the ledger check, the bulk load, the batch checks, the declared
   * data checks, the merge, the ledger row.
   */
  private LoadResult loadStaged(Connection c, LoadRequest request, boolean existed, String what)
      throws SQLException {
    TableSpec table = request.table();
    LedgerEntry entry = request.ledger();
    Optional<LedgerEntry> previous =
        existed
            ? Ledger.latest(c, table.schema(), table.table(), entry.pipeline(), entry.date())
            : Optional.empty();
    if (previous.isPresent() && entry.loadId().equals(previous.get().loadId())) {
      return new LoadResult(
          0,
          0,
          0,
          true,
          entry.loadId()); // this very load committed; the answer to its commit was lost
    }
    if (table.mode() == WriteMode.APPEND && previous.isPresent()) {
      if (previous.get().rawChecksum().equals(entry.rawChecksum())
          && previous.get().specFingerprint().equals(entry.specFingerprint())) {
        return new LoadResult(0, 0, 0, true, previous.get().loadId());
      }
      throw new EtlxException(
          ErrorCode.ALREADY_APPENDED,
          what
              + ": rows of "
              + entry.date()
              + " were already appended ("
              + previous.get().committedAt()
              + ") from other raw data or another spec; append never loads a date twice: delete"
              + " those rows and their _etlx_loads entry, or use upsert or replace_partition");
    }
    LoadRequest.ChangedRows changed = request.changed();
    boolean onlyChanged = changed != null && stillHolds(c, table, entry, previous, changed);
    long staged = loader.load(c, STAGING, onlyChanged ? request.withRows(changed.rows()) : request);
    if (!table.primaryKey().isEmpty()) {
      BatchChecks.noNullKeys(c, STAGING, table.primaryKey(), what);
      BatchChecks.uniqueKeys(c, STAGING, table.primaryKey(), what);
    }
    if (table.partitionColumn() != null) {
      BatchChecks.insidePartition(
          c, STAGING, table.partitionColumn(), request.ledger().date(), what);
    }
    // the rejects of an earlier load of this date go with that load, whether or not this one
    // quarantines
    if (table.quarantines() || Catalog.exists(c, table.schema(), Rejects.TABLE)) {
      SqlSession.run(
          c,
          List.of(Rejects.replace(table.schema(), table.table(), entry.pipeline(), entry.date())));
    }
    DataChecks.Outcome checked =
        new DataChecks(dialect, table, STAGING, entry).run(c, staged, clock.instant(), what);
    long[] counts = SqlSession.merge(c, dialect.merge(table, STAGING, request.ledger().date()));
    // stamped after the merge, inside the transaction: a load that wrote a key after another
    // (waiting for its row lock, or after it in this process) has the later time
    Ledger.insert(c, table.schema(), table.table(), stamped(entry));
    return new LoadResult(
        staged,
        counts[0],
        counts[1],
        false,
        entry.loadId(),
        checked.rejected(),
        checked.results(),
        onlyChanged ? changed.unchanged() : 0);
  }

  private LedgerEntry stamped(LedgerEntry entry) {
    return new LedgerEntry(
        entry.pipeline(),
        entry.environment(),
        entry.date(),
        entry.loadId(),
        entry.rawChecksum(),
        entry.rowsChecksum(),
        entry.specFingerprint(),
        entry.rows(),
        clock.instant(),
        entry.sourceState());
  }

  /**
   * Whether staging only the changed rows gives the table what staging the whole file would: an
   * upsert without data checks, over a table that still holds exactly the basis load's rows — the
   * ledger's entry for the date is that load, under the same spec, and no later load of the table
   * (any date, any pipeline) is recorded. Asked inside the load's transaction.
   */
  private static boolean stillHolds(
      Connection c,
      TableSpec table,
      LedgerEntry entry,
      Optional<LedgerEntry> previous,
      LoadRequest.ChangedRows changed)
      throws SQLException {
    return table.mode() == WriteMode.UPSERT
        && table.checks().isEmpty()
        && previous.isPresent()
        && changed.basisLoadId().equals(previous.get().loadId())
        && entry.specFingerprint().equals(previous.get().specFingerprint())
        && Ledger.nothingAfter(c, table.schema(), table.table(), previous.get());
  }

  private TablePlan plan(Connection c, TableSpec table) throws SQLException {
    return TablePlanner.plan(
        dialect, table, Catalog.snapshot(c, table.schema(), table.table()), clock.instant());
  }

  @Override
  public List<String> describeLoad(LoadRequest request) {
    TableSpec table = request.table();
    List<String> statements = new ArrayList<>(dialect.createStaging(table, STAGING));
    statements.add(loader.describe(STAGING, request));
    for (DataCheck check : table.checks()) {
      if (check instanceof DataCheck.RowCheck row) {
        statements.add(CheckSql.sample(dialect, table, row, STAGING).sql());
      }
    }
    for (BoundSql merge : dialect.merge(table, STAGING, request.ledger().date())) {
      statements.add(merge.sql());
    }
    statements.add(Ledger.insertSql(table.schema()));
    return statements;
  }

  @Override
  public SchemaPlan plan(TableSpec table) {
    return session.withConnection(
        "planning " + table.schema() + "." + table.table(), c -> view(plan(c, table)));
  }

  @Override
  public SchemaPlan migrate(TableSpec table) {
    return session.withConnection(
        "migrating " + table.schema() + "." + table.table(),
        c -> {
          return view(session.prepare(c, table.schema(), tx -> plan(tx, table)));
        });
  }

  private static SchemaPlan view(TablePlan plan) {
    return new SchemaPlan(plan.rendered(), plan.isNoOp());
  }

  @Override
  public void replace(TableSpec target, String shadow) {
    session.withConnection(
        "replacing " + target.schema() + "." + target.table(),
        c ->
            Transaction.run(
                c,
                tx -> {
                  List<String> missing = Ledger.notIn(tx, target.schema(), target.table(), shadow);
                  if (!missing.isEmpty()) {
                    throw new EtlxException(
                        ErrorCode.REBUILD_REFUSED,
                        target.schema()
                            + "."
                            + target.table()
                            + " holds loads the rebuilt"
                            + " table lacks ("
                            + String.join(", ", missing)
                            + "), e.g. a run that committed during the rebuild or another"
                            + " pipeline's; rebuild again with a range (and pipelines) that cover"
                            + " them");
                  }
                  refuseDependents(tx, target);
                  SqlSession.execute(
                      tx, dialect.carryOver(tx, target.schema(), target.table(), shadow));
                  SqlSession.execute(tx, dialect.swap(target.schema(), target.table(), shadow));
                  SqlSession.run(
                      tx,
                      TableVersions.record(
                          target.schema(), target.table(), target.version(), clock.instant()));
                  SqlSession.run(tx, Ledger.adopt(target.schema(), target.table(), shadow));
                  if (Catalog.exists(tx, target.schema(), Rejects.TABLE)) {
                    SqlSession.run(tx, Rejects.adopt(target.schema(), target.table(), shadow));
                  }
                  return null;
                }));
  }

  @Override
  public void checkReplace(TableSpec target) {
    session.withConnection(
        "checking " + target.schema() + "." + target.table() + " before a rebuild",
        c -> {
          refuseDependents(c, target);
          return null;
        });
  }

  private void refuseDependents(Connection c, TableSpec target) throws SQLException {
    if (!Catalog.exists(c, target.schema(), target.table())) {
      return;
    }
    List<String> views = dialect.dependentViews(c, target.schema(), target.table());
    if (!views.isEmpty()) {
      throw new EtlxException(
          ErrorCode.REBUILD_REFUSED,
          target.schema()
              + "."
              + target.table()
              + " has views that depend on it ("
              + String.join(", ", views)
              + "): a rebuild replaces the table and "
              + dialect.name()
              + " would drop them or leave them on the old one; drop the views, rebuild, and"
              + " create them again (nothing was changed)");
    }
  }

  @Override
  public void drop(TableSpec table) {
    session.withConnection(
        "dropping " + table.schema() + "." + table.table(),
        c -> {
          // nothing is issued for a table that does not exist: a role without DROP rights can call
          // it
          if (Catalog.exists(c, table.schema(), table.table())) {
            SqlSession.execute(c, List.of("DROP TABLE IF EXISTS " + DefaultSql.target(table)));
          }
          if (Catalog.exists(c, table.schema(), Ledger.TABLE)) {
            SqlSession.run(c, List.of(Ledger.forget(table.schema(), table.table())));
          }
          if (Catalog.exists(c, table.schema(), Rejects.TABLE)) {
            SqlSession.run(c, List.of(Rejects.forget(table.schema(), table.table())));
          }
          return null;
        });
  }

  @Override
  public List<LedgerEntry> ledger(TableSpec table, String pipeline) {
    return session.withConnection(
        "reading the load ledger",
        c ->
            hasLedger(c, table)
                ? Ledger.all(c, table.schema(), table.table(), pipeline)
                : List.of());
  }

  /**
   * Whether the table and its ledger exist: the ledger of a dropped table speaks of data that is
   * gone.
   */
  private static boolean hasLedger(Connection c, TableSpec table) throws SQLException {
    return Catalog.exists(c, table.schema(), Ledger.TABLE)
        && Catalog.exists(c, table.schema(), table.table());
  }

  @Override
  public DiffResult diff(LoadRequest request, int samples) {
    TableSpec table = request.table();
    return session.withConnection(
        "comparing " + table.schema() + "." + table.table(),
        c -> {
          boolean exists = Catalog.exists(c, table.schema(), table.table());
          if (exists && plan(c, table).changesTable()) {
            throw new EtlxException(
                ErrorCode.INCOMPATIBLE_TABLE,
                table.schema()
                    + "."
                    + table.table()
                    + " needs schema changes before this spec's rows can be compared (etlx plan"
                    + " shows them); a rerun would apply them first: run etlx migrate, then diff");
          }
          if (exists && table.mode() == WriteMode.APPEND) {
            DiffResult appended = appendedAlready(c, request);
            if (appended != null) {
              return appended;
            }
          }
          SqlSession.execute(c, dialect.createStaging(table, STAGING));
          try {
            return Transaction.rolledBack(
                c,
                tx -> {
                  long staged = loader.load(tx, STAGING, request) - setAside(tx, table);
                  return new TableDiff(tx, table, STAGING, samples)
                      .run(staged, request.ledger().date(), exists);
                });
          } finally {
            Transaction.afterwards(
                "dropping the staging table of a diff",
                tx -> {
                  SqlSession.execute(tx, List.of(dialect.dropStaging(STAGING)));
                  return null;
                },
                c);
            Transaction.afterwards(
                "cleaning up the files staged for a diff",
                tx -> {
                  loader.finished();
                  return null;
                },
                c);
          }
        });
  }

  /**
   * What a rerun of an append does when the ledger already holds the date: nothing, when it is the
   * same load (same raw data and spec); refused, when it is another; null when the date was never
   * appended (then every row is added, which the staged comparison shows).
   */
  private DiffResult appendedAlready(Connection c, LoadRequest request) throws SQLException {
    TableSpec table = request.table();
    LedgerEntry entry = request.ledger();
    Optional<LedgerEntry> previous =
        Ledger.latest(c, table.schema(), table.table(), entry.pipeline(), entry.date());
    if (previous.isEmpty()) {
      return null;
    }
    if (previous.get().rawChecksum().equals(entry.rawChecksum())
        && previous.get().specFingerprint().equals(entry.specFingerprint())) {
      return new DiffResult(0, 0, 0, previous.get().rows(), List.of());
    }
    throw new EtlxException(
        ErrorCode.ALREADY_APPENDED,
        "a rerun of the append of "
            + entry.date()
            + " would be refused: the date was already appended ("
            + previous.get().committedAt()
            + ") from other raw data or another spec; append never loads a date twice");
  }

  /**
   * Takes out of staging the rows a load's quarantine checks would set aside, so a diff compares
   * only what a load would merge; returns how many.
   */
  private long setAside(Connection c, TableSpec table) throws SQLException {
    List<DataCheck.RowCheck> quarantine =
        table.checks().stream()
            .filter(check -> check.severity() == DataCheck.Severity.QUARANTINE)
            .map(DataCheck.RowCheck.class::cast)
            .toList();
    if (quarantine.isEmpty()) {
      return 0;
    }
    return SqlSession.merge(c, List.of(CheckSql.discard(dialect, table, quarantine, STAGING)))[1];
  }

  @Override
  public Optional<LedgerEntry> ledger(TableSpec table, String pipeline, LocalDate date) {
    return session.withConnection(
        "reading the load ledger",
        c ->
            hasLedger(c, table)
                ? Ledger.latest(c, table.schema(), table.table(), pipeline, date)
                : Optional.empty());
  }

  @Override
  public boolean isLatestLoad(TableSpec table, LedgerEntry entry) {
    return session.withConnection(
        "reading the load ledger",
        c -> hasLedger(c, table) && Ledger.nothingAfter(c, table.schema(), table.table(), entry));
  }

  @Override
  public QueryResult query(String sql, int maxRows) {
    try {
      Connection c = connections.borrowForReading();
      try {
        return ReadOnlyQuery.run(dialect, c, sql, maxRows);
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      if (dialect.refusedAsReadOnly(e)) {
        throw ReadOnlyQuery.refused(dialect, where, e);
      }
      ErrorCode code =
          SqlSession.code(e) == ErrorCode.WAREHOUSE_UNAVAILABLE
              ? ErrorCode.WAREHOUSE_UNAVAILABLE
              : ErrorCode.INVALID_VALUE;
      throw new EtlxException(
          code, "query failed in " + dialect.name() + " (" + where + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void read(String sql, List<Object> params, String schema, RecordSink out) {
    try {
      Sql.quote(schema); // refuses a name that is not an identifier before it reaches any SQL
      Connection c = connections.borrowForReading(schema);
      try {
        ModelRead.run(dialect, c, sql, params, schema, out);
      } finally {
        connections.release(c);
      }
    } catch (SQLException e) {
      if (dialect.refusedAsReadOnly(e)) {
        throw new EtlxException(
            ErrorCode.WAREHOUSE_REJECTED,
            "a model only reads, and "
                + dialect.name()
                + " ("
                + where
                + ") refused a write in its query: "
                + ReadOnlyQuery.firstLine(e.getMessage())
                + "; a model's query is one SELECT whose rows the pipeline loads",
            e);
      }
      ErrorCode code = modelFailure(e);
      throw new EtlxException(
          code,
          "the model's query failed in "
              + dialect.name()
              + " ("
              + where
              + ", schema "
              + schema
              + "): "
              + ReadOnlyQuery.firstLine(e.getMessage())
              + (code.retryable()
                  ? "; a rerun later is safe"
                  : code.kind() == io.etlx.error.ErrorKind.USER
                      ? "; fix the query in the pipeline's source (query: or its .sql file), then"
                          + " rerun"
                      : ""),
          e);
    }
  }

  /**
   * What a failed model query is: the server's state as for loads; DuckDB, which gives no SQL
   * state, by the kind of error it names (a parser, binder, catalog or conversion error is the
   * query's).
   */
  private static ErrorCode modelFailure(SQLException e) {
    ErrorCode code = SqlSession.code(e);
    if (code == ErrorCode.WAREHOUSE_FAILED
        && String.valueOf(e.getMessage())
            .matches("(?s)^(Parser|Binder|Catalog|Conversion|Invalid Input) Error.*")) {
      return ErrorCode.WAREHOUSE_REJECTED;
    }
    return code;
  }

  @Override
  public void idle() {
    connections.idle();
  }

  @Override
  public void close() {
    connections.close();
  }
}
