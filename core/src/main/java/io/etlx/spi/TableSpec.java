package io.etlx.spi;

import io.etlx.spec.ColumnSpec;
import io.etlx.spec.WriteMode;
import java.util.List;

/** The target table of a load, as a dialect needs it. {@code partitionColumn} and {@code deleteMarker} may be null. */
public record TableSpec(
    String schema,
    String table,
    List<ColumnSpec> columns,
    List<String> primaryKey,
    WriteMode mode,
    String partitionColumn,
    String deleteMarker) {
  public TableSpec {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }
}
