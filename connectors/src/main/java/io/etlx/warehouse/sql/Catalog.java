package io.etlx.warehouse.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a table's columns from {@code information_schema}, which every supported warehouse has. */
public final class Catalog {
  private Catalog() {}

  /** Lower-cased name → column, in table order; empty when the table does not exist. */
  public static Map<String, CatalogColumn> columns(Connection c, String schema, String table) throws SQLException {
    String sql = "SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns"
        + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position";
    Map<String, CatalogColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          columns.put(name.toLowerCase(Locale.ROOT),
              new CatalogColumn(name, rs.getString(2), (Integer) rs.getObject(3, Integer.class), (Integer) rs.getObject(4, Integer.class)));
        }
      }
    }
    return columns;
  }

  public static boolean exists(Connection c, String schema, String table) throws SQLException {
    return !columns(c, schema, table).isEmpty();
  }
}
