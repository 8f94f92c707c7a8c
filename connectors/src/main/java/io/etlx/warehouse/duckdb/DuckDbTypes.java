package io.etlx.warehouse.duckdb;

import io.etlx.spec.ColumnType;

/** The DuckDB type of each etlx column type (README: type mapping). */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static String of(ColumnType type) {
    return switch (type.kind()) {
      case STRING -> "VARCHAR";
      case INTEGER -> "INTEGER";
      case BIGINT -> "BIGINT";
      case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIMESTAMP -> "TIMESTAMP";
    };
  }
}
