package io.etlx.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.jdbc.PooledConnections;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.QueryResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.UpgradeRule;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.warehouse.duckdb.DuckDbPlugin;
import io.etlx.warehouse.postgres.PostgresCopyLoader;
import io.etlx.warehouse.postgres.PostgresSql;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table created at schema version 1 is upgraded to version 3 by the next load, through both rules
 * (rename + default + drop, then derive + an explicit cast), on the warehouses that run here.
 */
class SchemaUpgradeTest {
  @TempDir Path dir;

  private static final List<UpgradeRule> RULES =
      List.of(
          new UpgradeRule(
              1,
              Map.of("usd", "rate"),
              Map.of("base", "USD"),
              Map.of(),
              Map.of(),
              List.of("legacy")),
          new UpgradeRule(
              2,
              Map.of(),
              Map.of(),
              Map.of("rate_copy", "rate"),
              Map.of("rate", ColumnType.parse("decimal(20,8)")),
              List.of()));

  private static TableSpec.Column col(String name, String type) {
    return new TableSpec.Column(name, ColumnType.parse(type));
  }

  private static final TableSpec V1 =
      new TableSpec(
          "s",
          "fx",
          List.of(col("code", "string"), col("usd", "decimal(10,2)"), col("legacy", "integer")),
          List.of("code"),
          WriteMode.UPSERT,
          null,
          null,
          1,
          List.of());
  private static final TableSpec V3 =
      new TableSpec(
          "s",
          "fx",
          List.of(
              col("code", "string"),
              col("rate", "decimal(20,8)"),
              col("base", "string"),
              col("rate_copy", "decimal(20,8)")),
          List.of("code"),
          WriteMode.UPSERT,
          null,
          null,
          3,
          RULES);

  @ParameterizedTest
  @ValueSource(strings = {"duckdb", "postgres"})
  void aVersionOneTableBecomesVersionThree(String dialect) throws Exception {
    try (Warehouse w = open(dialect)) {
      w.load(request(V1, "code,usd,legacy\n\"INR\",\"73.50\",\"1\"\n", 1));

      List<String> plan = w.plan(V3).statements();
      w.load(
          request(
              V3, "code,rate,base,rate_copy\n\"EUR\",\"0.84123456\",\"USD\",\"0.84123456\"\n", 2));

      assertThat(plan)
          .anyMatch(s -> s.contains("RENAME COLUMN \"usd\" TO \"rate\""))
          .anyMatch(s -> s.contains("DROP COLUMN \"legacy\""))
          .anyMatch(s -> s.contains("SET \"rate_copy\" = \"rate\""));
      QueryResult rows = w.query("SELECT code, rate, base, rate_copy FROM s.fx ORDER BY code", 10);
      assertThat(rows.rows())
          .containsExactly(
              List.of("EUR", "0.84123456", "USD", "0.84123456"),
              List.of("INR", "73.50000000", "USD", "73.50000000"));
      assertThat(w.query("SELECT * FROM s.fx", 1).columns())
          .containsExactly("code", "rate", "base", "rate_copy");
      assertThat(w.plan(V3).upToDate()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"duckdb", "postgres"})
  void aKeyColumnIsWidenedWhereTheWarehouseCanOrTheRealReasonIsGiven(String dialect)
      throws Exception {
    TableSpec narrow =
        new TableSpec(
            "s",
            "k",
            List.of(col("id", "integer"), col("v", "string")),
            List.of("id"),
            WriteMode.UPSERT,
            null,
            null);
    TableSpec wide =
        new TableSpec(
            "s",
            "k",
            List.of(col("id", "bigint"), col("v", "string")),
            List.of("id"),
            WriteMode.UPSERT,
            null,
            null);
    try (Warehouse w = open(dialect)) {
      w.load(request(narrow, "id,v\n\"1\",\"a\"\n", 1));

      if (dialect.equals("postgres")) {
        w.load(request(wide, "id,v\n\"3000000000\",\"b\"\n", 2));
        assertThat(w.query("SELECT id FROM s.k ORDER BY id", 10).rows())
            .containsExactly(List.of("1"), List.of("3000000000"));
      } else {
        assertThatThrownBy(() -> w.load(request(wide, "id,v\n\"3000000000\",\"b\"\n", 2)))
            .hasMessageContaining("cannot change the type of a primary key column in place")
            .hasMessageContaining("etlx rebuild");
      }
    }
  }

  private Warehouse open(String dialect) {
    if (dialect.equals("duckdb")) {
      return DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), null, 0);
    }
    String url = PostgresTestServer.newDatabase();
    PooledConnections pool =
        new PooledConnections(
            "pg", url, url, "postgres", null, 2, Duration.ofSeconds(30), new Properties());
    return new JdbcWarehouse(
        new PostgresSql(), new PostgresCopyLoader(), pool, "embedded PostgreSQL");
  }

  private LoadRequest request(TableSpec table, String csv, int day) throws IOException {
    Path file = Files.createTempFile(dir, "rows", ".csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(csv.getBytes(StandardCharsets.UTF_8));
    }
    return new LoadRequest(
        table,
        file,
        new LedgerEntry(
            "fx",
            "dev",
            LocalDate.of(2020, 12, day),
            UUID.randomUUID().toString(),
            "raw" + day,
            "rows" + day,
            "fp" + table.version(),
            1,
            Instant.now(),
            null));
  }
}
