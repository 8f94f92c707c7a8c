package io.etlx.spi;

import java.util.List;

/**
 * The first rows of a query's result, as text (null = SQL NULL); {@code truncated} when there were
 * more.
 */
public record QueryResult(List<String> columns, List<List<String>> rows, boolean truncated) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
