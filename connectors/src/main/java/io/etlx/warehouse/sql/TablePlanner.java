package io.etlx.warehouse.sql;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.ColumnType;
import io.etlx.spi.TableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DDL a load needs before its transaction: schema, ledger and table if missing; new columns added;
 * columns widened when the spec's type holds every old value ({@link TypeWidening}); anything that would
 * lose data refused, naming the column.
 */
public final class TablePlanner {
  private TablePlanner() {}

  public static List<String> plan(SqlDialect dialect, TableSpec table, Map<String, CatalogColumn> existing) {
    List<String> ddl = new ArrayList<>();
    ddl.add(dialect.createSchema(table.schema()));
    ddl.add(Ledger.ddl(table.schema()));
    if (existing.isEmpty()) {
      ddl.add(dialect.createTable(table));
      return ddl;
    }
    String target = DefaultSql.target(table);
    for (ColumnSpec column : table.columns()) {
      CatalogColumn actual = existing.get(column.name().toLowerCase(Locale.ROOT));
      if (actual == null) {
        ddl.add("ALTER TABLE " + target + " ADD COLUMN " + Sql.quote(column.name()) + " " + dialect.type(column.type()));
        continue;
      }
      ColumnType current = dialect.parse(actual);
      ColumnType widest = current == null ? null : TypeWidening.widest(current, column.type());
      if (widest == null || (!widest.equals(current) && table.primaryKey().contains(column.name()))) {
        throw incompatible(dialect, table, column, actual, "changing it would lose data");
      }
      if (!widest.equals(current)) {
        String alter = dialect.alterType(target, column.name(), widest);
        if (alter == null) {
          throw incompatible(dialect, table, column, actual, dialect.name() + " cannot change a column's type in place");
        }
        ddl.add(alter);
      }
    }
    return ddl;
  }

  private static EtlxException incompatible(
      SqlDialect dialect, TableSpec table, ColumnSpec column, CatalogColumn actual, String why) {
    String type = actual.dataType().toUpperCase(Locale.ROOT)
        + (actual.precision() != null && actual.dataType().toLowerCase(Locale.ROOT).matches("decimal|numeric|number")
            ? "(" + actual.precision() + "," + actual.scale() + ")" : "");
    return new EtlxException(
        ErrorCode.INCOMPATIBLE_TABLE,
        table.schema() + "." + table.table() + "." + column.name() + " is " + type + " in the warehouse but "
            + column.type() + " in the spec, and " + why + "; declare a compatible type,"
            + " or add a transform.version with a cast upgrade and rebuild the table");
  }
}
