package io.etlx.jdbc;

import io.etlx.spi.ColumnType;
import java.util.Locale;

/**
 * The etlx type of a column as PostgreSQL's {@code information_schema} reports it — and Redshift's,
 * its descendant, and any other warehouse of the family: shared here so dialects never import each
 * other.
 */
public final class PostgresFamilyTypes {
  private PostgresFamilyTypes() {}

  /** The etlx type, or null when etlx does not write that type. */
  public static ColumnType parse(CatalogColumn column) {
    return switch (column.dataType().toLowerCase(Locale.ROOT)) {
      case "text", "character varying" -> ColumnType.STRING;
      case "integer", "smallint" -> ColumnType.parse("integer");
      case "bigint" -> ColumnType.parse("bigint");
      case "numeric" ->
          column.precision() == null
              ? ColumnType.parse("decimal")
              : new ColumnType(ColumnType.Kind.DECIMAL, column.precision(), column.scale());
      case "double precision", "real" -> ColumnType.parse("double");
      case "boolean" -> ColumnType.parse("boolean");
      case "date" -> ColumnType.DATE;
      case "timestamp without time zone" -> ColumnType.parse("timestamp");
      default -> null;
    };
  }
}
