package io.etlx.warehouse.postgres;

import com.github.luben.zstd.ZstdInputStream;
import io.etlx.jdbc.DefaultSql;
import io.etlx.jdbc.StageLoader;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.RowsFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    try (InputStream rows = open(request.rows())) {
      return c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(describe(staging, request), rows, 1 << 16);
    } catch (IOException e) {
      throw new SQLException("cannot stream " + request.rows() + " to COPY: " + e.getMessage(), e);
    }
  }

  /** The rows file's CSV text, decompressed as it streams. */
  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return switch (RowsFile.compression(file)) {
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), 1 << 16);
      case NONE -> in;
    };
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
