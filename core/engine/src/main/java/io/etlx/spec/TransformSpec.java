package io.etlx.spec;

import io.etlx.spi.UpgradeRule;
import java.util.List;

/**
 * The mapping from raw records to typed rows, at schema {@code version}: the table's upgrades from
 * older versions ({@code upgrades}: what the warehouse applies, and what rows replayed from older
 * raw data get for columns added since, e.g. a default), and the changes of the source's record
 * shape ({@code rawUpgrades}: applied to older raw records before this version's fields are read).
 */
public record TransformSpec(
    int version,
    List<ColumnSpec> columns,
    List<UpgradeRule> upgrades,
    List<RawUpgrade> rawUpgrades) {
  public TransformSpec {
    columns = List.copyOf(columns);
    upgrades = List.copyOf(upgrades);
    rawUpgrades = List.copyOf(rawUpgrades);
  }

  /** A mapping whose source kept its record shape across versions. */
  public TransformSpec(int version, List<ColumnSpec> columns, List<UpgradeRule> upgrades) {
    this(version, columns, upgrades, List.of());
  }

  public ColumnSpec column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
