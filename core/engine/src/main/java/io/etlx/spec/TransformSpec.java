package io.etlx.spec;

import io.etlx.spi.UpgradeRule;
import java.util.List;

/**
 * The mapping from raw records to typed rows, at schema {@code version}, with upgrades from older
 * ones.
 */
public record TransformSpec(int version, List<ColumnSpec> columns, List<UpgradeRule> upgrades) {
  public TransformSpec {
    columns = List.copyOf(columns);
    upgrades = List.copyOf(upgrades);
  }

  public ColumnSpec column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
