package io.etlx.spi;

import java.util.List;

/**
 * The target table of a load, as a dialect needs it: columns at schema {@code version}, and the
 * {@code upgrades} that turn a table of an older version into this one. {@code partitionColumn} and
 * {@code deleteMarker} may be null.
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
    List<UpgradeRule> upgrades) {
  public TableSpec {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    upgrades = List.copyOf(upgrades);
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
        upgrades);
  }

  /** A column as the warehouse sees it: its name and declared type. */
  public record Column(String name, ColumnType type) {}

  public Column column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
