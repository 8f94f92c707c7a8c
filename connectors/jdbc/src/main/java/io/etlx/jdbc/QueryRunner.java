package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.QueryResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs a query over JDBC and keeps only the first rows, so a large result never fills memory. */
public final class QueryRunner {
  private QueryRunner() {}

  public static QueryResult run(Connection c, String sql, int maxRows) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.setMaxRows(maxRows + 1);
      if (!statement.execute(sql)) {
        throw new EtlxException(
            ErrorCode.INVALID_VALUE,
            "query prints the rows a statement returns (SELECT, WITH, VALUES, SHOW ...), and this"
                + " statement returned none");
      }
      try (ResultSet rs = statement.getResultSet()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
          if (rows.size() == maxRows) {
            truncated = true;
            break;
          }
          String[] row = new String[columns.size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getString(i + 1);
          }
          rows.add(Arrays.asList(row));
        }
        return new QueryResult(columns, rows, truncated);
      }
    }
  }
}
