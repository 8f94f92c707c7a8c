package io.etlx.warehouse.duckdb;

import io.etlx.spec.ColumnType;
import java.util.Locale;

/** The DuckDB type of each etlx column type (README: type mapping). */
final class DuckDbTypes {
  private DuckDbTypes() {}

  /** The etlx type of a DuckDB column type, or null for a type etlx does not write. */
  static ColumnType parse(String duckType) {
    String t = duckType.toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL")) {
      return ColumnType.parse(t);
    }
    return switch (t) {
      case "VARCHAR", "TEXT", "STRING" -> ColumnType.parse("string");
      case "INTEGER", "INT", "SMALLINT", "TINYINT" -> ColumnType.parse("integer");
      case "BIGINT" -> ColumnType.parse("bigint");
      case "DOUBLE", "FLOAT", "REAL" -> ColumnType.parse("double");
      case "BOOLEAN" -> ColumnType.parse("boolean");
      case "DATE" -> ColumnType.DATE;
      case "TIMESTAMP" -> ColumnType.parse("timestamp");
      default -> null;
    };
  }

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
