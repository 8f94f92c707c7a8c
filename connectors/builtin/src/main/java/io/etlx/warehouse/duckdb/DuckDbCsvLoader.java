package io.etlx.warehouse.duckdb;

import io.etlx.jdbc.Sql;
import io.etlx.jdbc.StageLoader;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.RowsFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * DuckDB reads the rows file itself ({@code read_csv}), typed by the spec: ~4× faster than an
 * Appender. The options state the {@link RowsFile} contract in DuckDB's terms; timestamps are left
 * to DuckDB's own ISO parser (a {@code timestampformat} made it parse them with strptime, ~30%
 * slower on the whole file).
 */
public final class DuckDbCsvLoader implements StageLoader {
  private final DuckDbSql dialect;

  public DuckDbCsvLoader(DuckDbSql dialect) {
    this.dialect = dialect;
  }

  @Override
  public long load(Connection c, String staging, LoadRequest request) throws SQLException {
    try (Statement statement = c.createStatement()) {
      return statement.executeUpdate(describe(staging, request));
    }
  }

  @Override
  public String describe(String staging, LoadRequest request) {
    String types =
        request.table().columns().stream()
            .map(col -> Sql.literal(col.name()) + ": " + Sql.literal(dialect.type(col.type())))
            .collect(Collectors.joining(", "));
    return "INSERT INTO "
        + staging
        + " SELECT * FROM read_csv("
        + Sql.literal(request.rows().toAbsolutePath().toString())
        + ", header = true, auto_detect = false, columns = {"
        + types
        + "}, delim = '"
        + RowsFile.DELIMITER
        + "', quote = '"
        + RowsFile.QUOTE
        + "', escape = '"
        + RowsFile.QUOTE
        + "', allow_quoted_nulls = false, compression = '"
        + compression(request)
        + "')";
  }

  private static String compression(LoadRequest request) {
    return switch (RowsFile.compression(request.rows())) {
      case GZIP -> "gzip";
      case ZSTD -> "zstd";
      case NONE -> "none";
    };
  }
}
