package io.etlx.warehouse.conformance;

import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.jdbc.PooledConnections;
import io.etlx.spi.Warehouse;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.warehouse.postgres.PostgresCopyLoader;
import io.etlx.warehouse.redshift.RedshiftSql;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Nested;

/**
 * Redshift's upsert SQL (delete + insert, and MERGE) executed against the real PostgreSQL, where
 * the syntax is shared; only the bulk load differs (S3 COPY on Redshift, COPY FROM STDIN here), and
 * the Redshift driver cannot talk to PostgreSQL (it always sends a {@code driver_version} startup
 * parameter PostgreSQL rejects), so the PostgreSQL driver runs the statements.
 */
class RedshiftOnPostgresConformanceTest {
  static Warehouse warehouse(RedshiftSql.Strategy strategy) {
    String url = PostgresTestServer.newDatabase();
    PooledConnections pool =
        new PooledConnections(
            "redshift-on-postgres",
            url,
            url,
            "postgres",
            null,
            2,
            Duration.ofSeconds(30),
            new Properties());
    return new JdbcWarehouse(
        new RedshiftSql(strategy), new PostgresCopyLoader(), pool, "embedded PostgreSQL");
  }

  /**
   * Redshift cannot widen an integer column to text in place: case 13 is refused, not silently
   * wrong.
   */
  static String redshiftError(ConformanceCase c) {
    return c.name().startsWith("13-") ? "INCOMPATIBLE_TABLE" : c.expectedError();
  }

  @Nested
  class DeleteInsert extends UpsertConformance {
    @Override
    Warehouse open(Path dir) {
      return warehouse(RedshiftSql.Strategy.DELETE_INSERT);
    }

    @Override
    String expectedError(ConformanceCase c) {
      return redshiftError(c);
    }
  }

  @Nested
  class Merge extends UpsertConformance {
    @Override
    Warehouse open(Path dir) {
      return warehouse(RedshiftSql.Strategy.MERGE);
    }

    @Override
    String expectedError(ConformanceCase c) {
      return redshiftError(c);
    }
  }
}
