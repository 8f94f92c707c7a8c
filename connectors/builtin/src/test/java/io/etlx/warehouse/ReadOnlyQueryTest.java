package io.etlx.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.jdbc.PooledConnections;
import io.etlx.jdbc.SqlDialect;
import io.etlx.spi.Warehouse;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.warehouse.postgres.PostgresCopyLoader;
import io.etlx.warehouse.postgres.PostgresSql;
import io.etlx.warehouse.redshift.RedshiftSql;
import io.etlx.warehouse.snowflake.SnowflakeSql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Warehouse.query} on the real PostgreSQL, with PostgreSQL's and Redshift's SQL: the
 * database refuses a write (a read-only transaction), a text of several statements is refused
 * before anything runs (a COMMIT among them would end that transaction), and nothing is committed.
 * Snowflake, which has no read-only transactions, refuses to run a query at all. (DuckDB: the CLI's
 * QueryCommandTest.)
 */
class ReadOnlyQueryTest {
  @ParameterizedTest
  @ValueSource(strings = {"postgres", "redshift"})
  void theDatabaseRefusesWritesAndOnlyOneStatementRuns(String dialectName) throws Exception {
    String url = PostgresTestServer.newDatabase();
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t AS SELECT 1 AS one");
    }
    SqlDialect dialect =
        dialectName.equals("postgres")
            ? new PostgresSql()
            : new RedshiftSql(RedshiftSql.Strategy.DELETE_INSERT);
    PooledConnections pool =
        new PooledConnections(
            "read-only", url, url, "postgres", null, 1, Duration.ofSeconds(30), new Properties());
    try (Warehouse w = new JdbcWarehouse(dialect, new PostgresCopyLoader(), pool, "test")) {
      assertThatThrownBy(() -> w.query("DROP TABLE t", 10))
          .isInstanceOf(EtlxException.class)
          .hasMessageStartingWith("query only reads, and ")
          .hasMessageContaining("cannot execute DROP TABLE in a read-only transaction")
          .extracting(e -> ((EtlxException) e).code())
          .isEqualTo(ErrorCode.WAREHOUSE_REJECTED);
      assertThatThrownBy(() -> w.query("SELECT 1; COMMIT; DROP TABLE t", 10))
          .hasMessage(
              "query runs one statement at a time, and this text holds 3 (separated by ';'):"
                  + " run them one by one");
      assertThatThrownBy(() -> w.query("SET TRANSACTION READ WRITE; DROP TABLE t", 10))
          .hasMessageStartingWith("query runs one statement at a time");
      // one pooled connection: the next query gets it back as it was, and t is still there
      assertThat(w.query("SELECT one FROM t;", 10).rows()).hasSize(1);
      assertThat(w.query("SELECT 'a;b' AS x -- ;", 10).rows().get(0)).containsExactly("a;b");
    }
  }

  @org.junit.jupiter.api.Test
  void snowflakeRefusesToRunAQueryItCannotGuard() {
    assertThatThrownBy(() -> new SnowflakeSql().beginReadOnly(null, "SELECT 1"))
        .hasMessageStartingWith(
            "query runs only where the warehouse itself refuses writes, and Snowflake has no"
                + " read-only transactions");
  }
}
