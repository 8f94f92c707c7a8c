package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.TablePlan.Kind;
import io.etlx.spi.ColumnType;
import io.etlx.spi.SchemaHistory;
import io.etlx.spi.TableSpec;
import io.etlx.spi.UpgradeRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The DDL a load needs before its transaction: schema, ledger and table if missing (and the rejects
 * table, when a check quarantines); the spec's upgrade rules from the table's recorded version to
 * the spec's (rename, add with a default, derive, cast, drop); new columns added; columns widened
 * when the spec's type holds every old value ({@link TypeWidening}); anything that would lose data
 * without an explicit rule refused, naming the column.
 */
public final class TablePlanner {
  private TablePlanner() {}

  /**
   * The steps a load needs, given what exists: DDL is issued only for what must change, so a role
   * that may write its tables but not create objects can load once the objects exist.
   */
  public static TablePlan plan(
      SqlDialect dialect, TableSpec table, Catalog.Snapshot catalog, Instant now) {
    Steps ddl = new Steps();
    if (!catalog.schemaExists()) {
      ddl.add(Kind.ENSURE, BoundSql.uncounted(dialect.createSchema(table.schema())));
    }
    if (catalog.ledgerColumns().isEmpty()) {
      ddl.add(Kind.ENSURE, BoundSql.uncounted(Ledger.ddl(table.schema())));
    } else {
      Ledger.upgrade(table.schema(), catalog.ledgerColumns())
          .forEach(s -> ddl.add(Kind.ENSURE, BoundSql.uncounted(s)));
    }
    if (!catalog.versionsExist()) {
      ddl.add(Kind.ENSURE, BoundSql.uncounted(TableVersions.ddl(table.schema())));
    }
    if (table.quarantines() && !catalog.rejectsExist()) {
      ddl.add(Kind.ENSURE, BoundSql.uncounted(Rejects.ddl(table.schema())));
    }
    Map<String, CatalogColumn> existing = catalog.columns();
    Integer recordedVersion = catalog.recordedVersion();
    if (existing.isEmpty()) {
      ddl.add(Kind.CREATE_TABLE, BoundSql.uncounted(dialect.createTable(table)));
      ddl.add(Kind.FORGET_LOADS, Ledger.forget(table.schema(), table.table()));
      ddl.addAll(
          Kind.RECORD_VERSION,
          TableVersions.record(table.schema(), table.table(), table.version(), now));
      return ddl.plan();
    }
    int from = recordedVersion != null ? recordedVersion : infer(table, existing);
    if (from > table.version()) {
      throw new EtlxException(
          ErrorCode.INCOMPATIBLE_TABLE,
          table.schema()
              + "."
              + table.table()
              + " is at schema version "
              + from
              + ", newer than this spec's version "
              + table.version()
              + "; deploy the newer pipeline spec");
    }
    Map<String, CatalogColumn> columns = new LinkedHashMap<>(existing);
    Set<String> explicitCasts = new HashSet<>();
    for (UpgradeRule rule : SchemaHistory.between(table.upgrades(), from, table.version())) {
      upgrade(dialect, table, rule, columns, ddl);
      explicitCasts.addAll(rule.cast().keySet());
    }
    columnChanges(dialect, table, columns, explicitCasts, ddl);
    if (recordedVersion == null || from != table.version()) {
      ddl.addAll(
          Kind.RECORD_VERSION,
          TableVersions.record(table.schema(), table.table(), table.version(), now));
    }
    return ddl.plan();
  }

  /** The steps of a plan being made. */
  private static final class Steps {
    private final List<TablePlan.Step> steps = new ArrayList<>();

    void add(Kind kind, BoundSql sql) {
      steps.add(new TablePlan.Step(kind, sql));
    }

    void addAll(Kind kind, List<BoundSql> statements) {
      statements.forEach(s -> add(kind, s));
    }

    TablePlan plan() {
      return new TablePlan(steps);
    }
  }

  /** The version whose columns the table has: the newest version all of whose columns exist. */
  static int infer(TableSpec table, Map<String, CatalogColumn> existing) {
    List<String> current = table.columns().stream().map(TableSpec.Column::name).toList();
    for (int v = table.version(); v >= 1; v--) {
      Set<String> needed = SchemaHistory.columnsAt(current, table.upgrades(), table.version(), v);
      if (needed.stream().allMatch(n -> existing.containsKey(n.toLowerCase(Locale.ROOT)))) {
        return v;
      }
    }
    return table.version();
  }

  private static void upgrade(
      SqlDialect dialect,
      TableSpec table,
      UpgradeRule rule,
      Map<String, CatalogColumn> columns,
      Steps ddl) {
    String target = DefaultSql.target(table);
    rule.rename()
        .forEach(
            (oldName, newName) -> {
              CatalogColumn old = columns.remove(oldName.toLowerCase(Locale.ROOT));
              if (old != null && !columns.containsKey(newName.toLowerCase(Locale.ROOT))) {
                ddl.add(
                    Kind.RENAME_COLUMN,
                    BoundSql.uncounted(
                        "ALTER TABLE "
                            + target
                            + " RENAME COLUMN "
                            + Sql.quote(oldName)
                            + " TO "
                            + Sql.quote(newName)));
                columns.put(
                    newName.toLowerCase(Locale.ROOT),
                    new CatalogColumn(newName, old.dataType(), old.precision(), old.scale()));
              }
            });
    // The UPDATEs run whenever the rule is applied, even if an earlier attempt already added the
    // column.
    rule.defaults()
        .forEach(
            (name, value) -> {
              addColumn(dialect, table, name, columns, ddl);
              TableSpec.Column column = table.column(name);
              if (column != null && value != null) {
                ddl.add(
                    Kind.FILL_COLUMN,
                    new BoundSql(
                        "UPDATE "
                            + target
                            + " SET "
                            + Sql.quote(name)
                            + " = CAST(? AS "
                            + dialect.type(column.type())
                            + ") WHERE "
                            + Sql.quote(name)
                            + " IS NULL",
                        List.of(value),
                        BoundSql.Count.NONE));
              }
            });
    rule.derive()
        .forEach(
            (name, source) -> {
              addColumn(dialect, table, name, columns, ddl);
              if (table.column(name) != null) {
                ddl.add(
                    Kind.FILL_COLUMN,
                    BoundSql.uncounted(
                        "UPDATE "
                            + target
                            + " SET "
                            + Sql.quote(name)
                            + " = "
                            + Sql.quote(source)
                            + " WHERE "
                            + Sql.quote(name)
                            + " IS NULL"));
              }
            });
    for (String name : rule.drop()) {
      if (columns.remove(name.toLowerCase(Locale.ROOT)) != null) {
        ddl.add(
            Kind.DROP_COLUMN,
            BoundSql.uncounted("ALTER TABLE " + target + " DROP COLUMN " + Sql.quote(name)));
      }
    }
  }

  /** Adds a spec column the table lacks; returns its SQL type, or null when it already existed. */
  private static String addColumn(
      SqlDialect dialect,
      TableSpec table,
      String name,
      Map<String, CatalogColumn> columns,
      Steps ddl) {
    TableSpec.Column column = table.column(name);
    if (column == null || columns.containsKey(name.toLowerCase(Locale.ROOT))) {
      return null;
    }
    String type = dialect.type(column.type());
    ddl.add(
        Kind.ADD_COLUMN,
        BoundSql.uncounted(
            "ALTER TABLE "
                + DefaultSql.target(table)
                + " ADD COLUMN "
                + Sql.quote(name)
                + " "
                + type));
    columns.put(name.toLowerCase(Locale.ROOT), new CatalogColumn(name, type, null, null));
    return type;
  }

  private static void columnChanges(
      SqlDialect dialect,
      TableSpec table,
      Map<String, CatalogColumn> columns,
      Set<String> explicitCasts,
      Steps ddl) {
    String target = DefaultSql.target(table);
    for (TableSpec.Column column : table.columns()) {
      CatalogColumn actual = columns.get(column.name().toLowerCase(Locale.ROOT));
      if (actual == null) {
        ddl.add(
            Kind.ADD_COLUMN,
            BoundSql.uncounted(
                "ALTER TABLE "
                    + target
                    + " ADD COLUMN "
                    + Sql.quote(column.name())
                    + " "
                    + dialect.type(column.type())));
        continue;
      }
      ColumnType current = dialect.parse(actual);
      if (current == null && actual.dataType().equals(dialect.type(column.type()))) {
        continue; // added by an upgrade rule above, with exactly the spec's type
      }
      boolean cast = explicitCasts.contains(column.name());
      ColumnType wanted =
          cast
              ? column.type()
              : current == null ? null : TypeWidening.widest(current, column.type());
      if (wanted == null) {
        throw incompatible(table, column, actual, "changing it would lose data");
      }
      if (!wanted.equals(current)
          && table.primaryKey().contains(column.name())
          && !dialect.canAlterKeyColumnType()) {
        throw incompatible(
            table,
            column,
            actual,
            dialect.name()
                + " cannot change the type of a primary key column in place (the widening itself"
                + " loses nothing): rebuild the table from raw data with etlx rebuild, which"
                + " creates it with the new type");
      }
      if (!wanted.equals(current)) {
        String alter = dialect.alterType(target, column.name(), wanted);
        if (alter == null) {
          throw incompatible(
              table, column, actual, dialect.name() + " cannot change a column's type in place");
        }
        ddl.add(Kind.CHANGE_TYPE, BoundSql.uncounted(alter));
      }
    }
  }

  private static EtlxException incompatible(
      TableSpec table, TableSpec.Column column, CatalogColumn actual, String why) {
    String type =
        actual.dataType().toUpperCase(Locale.ROOT)
            + (actual.precision() != null
                    && actual.dataType().toLowerCase(Locale.ROOT).matches("decimal|numeric|number")
                ? "(" + actual.precision() + "," + actual.scale() + ")"
                : "");
    return new EtlxException(
        ErrorCode.INCOMPATIBLE_TABLE,
        table.schema()
            + "."
            + table.table()
            + "."
            + column.name()
            + " is "
            + type
            + " in the warehouse but "
            + column.type()
            + " in the spec, and "
            + why
            + "; declare a compatible type,"
            + " or add a transform.version with a cast upgrade and rebuild the table");
  }
}
