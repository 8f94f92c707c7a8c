package io.etlx.bench.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a warehouse schema holds, read over JDBC: its tables, each compared table's rows (the final
 * spec's columns, as a sorted multiset) and the {@code _etlx_loads} ledger (everything but the load
 * id and commit time, which differ between any two runs). Decimals are compared by value: a column
 * that a spec widened keeps its wider type when the spec goes back (documented), so {@code 12.35}
 * and {@code 12.3500} are the same value.
 */
record Snapshot(List<String> tables, Map<String, List<String>> rows, List<String> ledger) {
  static final String LEDGER_COLUMNS =
      "table_name, pipeline, environment, logical_date, raw_checksum, rows_checksum,"
          + " spec_fingerprint, row_count";

  /**
   * @param compared table → the columns to compare
   */
  static Snapshot read(Connection c, String schema, Map<String, List<String>> compared)
      throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY"
                + " table_name")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    Map<String, List<String>> rows = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : compared.entrySet()) {
      if (!tables.contains(e.getKey())) {
        continue;
      }
      String columns = String.join(", ", e.getValue().stream().map(n -> "\"" + n + "\"").toList());
      rows.put(
          e.getKey(),
          query(c, "SELECT " + columns + " FROM \"" + schema + "\".\"" + e.getKey() + "\""));
    }
    List<String> ledger =
        tables.contains("_etlx_loads")
            ? query(c, "SELECT " + LEDGER_COLUMNS + " FROM \"" + schema + "\"._etlx_loads")
            : List.of();
    return new Snapshot(tables, rows, ledger);
  }

  private static List<String> query(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          if (i > 1) {
            row.append(" | ");
          }
          String value = rs.getString(i);
          int type = meta.getColumnType(i);
          if (value != null && (type == Types.DECIMAL || type == Types.NUMERIC)) {
            value = new BigDecimal(value).stripTrailingZeros().toPlainString();
          }
          row.append(value == null ? "NULL" : value);
        }
        rows.add(row.toString());
      }
    }
    Collections.sort(rows);
    return rows;
  }

  /** Everything in which {@code actual} differs from {@code expected}; empty when they agree. */
  static List<String> differences(Snapshot expected, Snapshot actual) {
    List<String> out = new ArrayList<>();
    if (!expected.tables.equals(actual.tables)) {
      out.add("tables in the schema: expected " + expected.tables + ", actual " + actual.tables);
    }
    for (String table : expected.rows.keySet()) {
      List<String> want = expected.rows.get(table);
      List<String> got = actual.rows.getOrDefault(table, List.of());
      if (!want.equals(got)) {
        out.add(
            table
                + ": expected "
                + want.size()
                + " rows, actual "
                + got.size()
                + "; "
                + diff(want, got));
      }
    }
    // one ledger row per (table, pipeline, date), holding exactly the load the clean run made
    Map<String, Integer> perLoad = new HashMap<>();
    for (String row : actual.ledger) {
      String[] f = row.split(" \\| ");
      perLoad.merge(f[0] + " " + f[1] + " " + f[3], 1, Integer::sum);
    }
    perLoad.forEach(
        (load, n) -> {
          if (n != 1) {
            out.add("_etlx_loads: " + n + " rows for " + load + " (one expected)");
          }
        });
    if (!expected.ledger.equals(actual.ledger)) {
      out.add("_etlx_loads (" + LEDGER_COLUMNS + "): " + diff(expected.ledger, actual.ledger));
    }
    return out;
  }

  /** The rows only one side has (as multisets), at most 6 of each. */
  private static String diff(List<String> expected, List<String> actual) {
    Map<String, Integer> count = new LinkedHashMap<>();
    expected.forEach(r -> count.merge(r, 1, Integer::sum));
    actual.forEach(r -> count.merge(r, -1, Integer::sum));
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    count.forEach(
        (row, n) -> {
          for (int i = 0; i < Math.abs(n); i++) {
            (n > 0 ? missing : extra).add(row);
          }
        });
    return "missing "
        + missing.size()
        + " "
        + head(missing)
        + ", unexpected "
        + extra.size()
        + " "
        + head(extra);
  }

  private static String head(List<String> rows) {
    return rows.size() <= 6 ? rows.toString() : rows.subList(0, 6) + "…";
  }
}
