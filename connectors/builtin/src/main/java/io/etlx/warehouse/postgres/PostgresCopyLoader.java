package io.etlx.warehouse.postgres;

import io.etlx.jdbc.DefaultSql;
import io.etlx.jdbc.StageLoader;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.RowsFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;

/**
 * Streams the rows file into the staging table with {@code COPY … FROM STDIN} (the driver's
 * CopyManager): PostgreSQL's CSV reading matches the rows file exactly (unquoted empty = NULL,
 * {@code ""} = empty string): the {@link RowsFile} contract.
 */
public final class PostgresCopyLoader implements StageLoader {
  @Override
  public long load(Connection c, String staging, LoadRequest request) throws SQLException {
    try (InputStream rows =
        new GZIPInputStream(
            new BufferedInputStream(Files.newInputStream(request.rows()), 1 << 16), 1 << 16)) {
      return c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(describe(staging, request), rows, 1 << 16);
    } catch (IOException e) {
      throw new SQLException("cannot stream " + request.rows() + " to COPY: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe(String staging, LoadRequest request) {
    return "COPY "
        + staging
        + " ("
        + DefaultSql.columnList(request.table())
        + ") FROM STDIN WITH (FORMAT csv, HEADER true)";
  }
}
