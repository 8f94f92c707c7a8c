package io.etlx.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A loaded table, reachable over JDBC (user postgres, no password, on the test server). */
record Target(String url, String table) {
  /**
   * Row count and sums of the amounts and order ids: equal for two tables holding the same file's
   * rows, and different after a load of the 10%-changed file (each changed amount is a cent more),
   * so a load that did not happen cannot pass for a fast one.
   */
  String fingerprint() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), sum(amount), sum(order_id) FROM " + table)) {
      r.next();
      return r.getLong(1)
          + " rows, amounts "
          + new BigDecimal(r.getString(2)).stripTrailingZeros().toPlainString()
          + ", order ids "
          + new BigDecimal(r.getString(3)).toPlainString();
    }
  }

  boolean postgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  Connection connect() throws SQLException {
    return postgres()
        ? DriverManager.getConnection(url, "postgres", "")
        : DriverManager.getConnection(url);
  }
}
