package io.etlx.warehouse.snowflake;

import io.etlx.jdbc.DefaultSql;
import io.etlx.jdbc.Sql;
import io.etlx.jdbc.StageLoader;
import io.etlx.spi.Compression;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.RowsFile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Snowflake's bulk load: {@code PUT} the rows file to the session's temporary internal stage, then
 * {@code COPY INTO} the staging table ({@code PURGE} removes the staged file), with a file format
 * stating the {@link RowsFile} contract in Snowflake's terms.
 */
public final class SnowflakePutLoader implements StageLoader {
  @Override
  public long load(Connection c, String staging, LoadRequest request) throws SQLException {
    String folder = UUID.randomUUID().toString();
    try (Statement statement = c.createStatement()) {
      statement.execute(put(request, folder));
      long rows = 0;
      try (ResultSet rs = statement.executeQuery(copy(staging, request, folder))) {
        while (rs.next()) {
          rows += rs.getLong("rows_loaded");
        }
      }
      return rows;
    }
  }

  @Override
  public String describe(String staging, LoadRequest request) {
    return put(request, "UUID") + ";\n" + copy(staging, request, "UUID");
  }

  private static String put(LoadRequest request, String folder) {
    return "PUT "
        + Sql.literal("file://" + request.rows().toAbsolutePath())
        + " @"
        + SnowflakeSql.STAGE
        + "/"
        + folder
        + " AUTO_COMPRESS = FALSE OVERWRITE = TRUE";
  }

  /** Unquoted empty fields are NULL, {@code ""} stays an empty string, as in every dialect. */
  private static String copy(String staging, LoadRequest request, String folder) {
    return "COPY INTO "
        + staging
        + " ("
        + DefaultSql.columnList(request.table())
        + ") FROM @"
        + SnowflakeSql.STAGE
        + "/"
        + folder
        + " FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1 FIELD_OPTIONALLY_ENCLOSED_BY = '\"'"
        + " EMPTY_FIELD_AS_NULL = TRUE NULL_IF = () COMPRESSION = "
        + (RowsFile.compression(request.rows()) == Compression.GZIP ? "GZIP" : "ZSTD")
        + " TIMESTAMP_FORMAT = 'YYYY-MM-DD HH24:MI:SS.FF6') PURGE = TRUE";
  }
}
