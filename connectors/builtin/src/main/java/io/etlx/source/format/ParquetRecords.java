package io.etlx.source.format;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.jdbc.RowMapping;
import io.etlx.spi.RecordSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * The rows of a Parquet file, read by an in-memory DuckDB (already etlx's embedded engine, so no
 * Parquet library of its own) and streamed row by row as records, with the value forms every source
 * gives: ISO dates, timestamps as {@code yyyy-MM-dd HH:mm:ss[.ffffff]}, exact decimals.
 */
final class ParquetRecords {
  private ParquetRecords() {}

  static void read(Path file, String shown, RecordSink records) {
    try (Connection duckdb = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        PreparedStatement query = duckdb.prepareStatement("SELECT * FROM read_parquet(?)")) {
      query.setString(1, file.toAbsolutePath().toString());
      try (ResultSet rows = query.executeQuery()) {
        RowMapping mapping = RowMapping.of(rows.getMetaData(), shown);
        while (rows.next()) {
          records.emit(mapping.read(rows));
        }
      }
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      if (message.contains("No files found") || message.contains("No such file")) {
        throw new EtlxException(ErrorCode.SOURCE_REJECTED, shown + " does not exist", e);
      }
      throw new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          shown + " is not a Parquet file etlx can read (" + message + "); write it again",
          e);
    }
  }
}
