package io.etlx.spi;

import java.util.List;

/**
 * The target table of a load, as a dialect needs it: columns at schema {@code version}, the {@code
 * upgrades} that turn a table of an older version into this one, and the data {@code checks} every
 * batch must pass before it is merged. {@code partitionColumn} and {@code deleteMarker} may be
 * null.
 */
public record TableSpec(
    String schema,
    String table,
    List<Column> columns,
    List<String> primaryKey,
    WriteMode mode,
    String partitionColumn,
    String deleteMarker,
    int version,
    List<UpgradeRule> upgrades,
    List<DataCheck> checks) {
  public TableSpec {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    upgrades = List.copyOf(upgrades);
    checks = List.copyOf(checks);
  }

  /** A table without data checks. */
  public TableSpec(
      String schema,
      String table,
      List<Column> columns,
      List<String> primaryKey,
      WriteMode mode,
      String partitionColumn,
      String deleteMarker,
      int version,
      List<UpgradeRule> upgrades) {
    this(
        schema,
        table,
        columns,
        primaryKey,
        mode,
        partitionColumn,
        deleteMarker,
        version,
        upgrades,
        List.of());
  }

  /** A table at schema version 1, with no upgrade rules. */
  public TableSpec(
      String schema,
      String table,
      List<Column> columns,
      List<String> primaryKey,
      WriteMode mode,
      String partitionColumn,
      String deleteMarker) {
    this(schema, table, columns, primaryKey, mode, partitionColumn, deleteMarker, 1, List.of());
  }

  /** The same table under another name (a rebuild's shadow table). */
  public TableSpec named(String otherTable) {
    return new TableSpec(
        schema,
        otherTable,
        columns,
        primaryKey,
        mode,
        partitionColumn,
        deleteMarker,
        version,
        upgrades,
        checks);
  }

  /** The same table with these data checks. */
  public TableSpec withChecks(List<DataCheck> otherChecks) {
    return new TableSpec(
        schema,
        table,
        columns,
        primaryKey,
        mode,
        partitionColumn,
        deleteMarker,
        version,
        upgrades,
        otherChecks);
  }

  /** Whether a check sets failing rows aside, so the load needs the rejects table. */
  public boolean quarantines() {
    return checks.stream().anyMatch(c -> c.severity() == DataCheck.Severity.QUARANTINE);
  }

  /** A column as the warehouse sees it: its name and declared type. */
  public record Column(String name, ColumnType type) {}

  public Column column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
