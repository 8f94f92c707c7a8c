package io.etlx.warehouse.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.testkit.RowsFiles;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege on the real PostgreSQL: once an owner created the objects, a role with only USAGE
 * on the schema and SELECT/INSERT/UPDATE/DELETE on its tables loads every day (etlx issues no DDL
 * when nothing must change); a missing privilege is named as such, not as bad data, and not
 * retried.
 */
class PostgresPrivilegesTest {
  private static final TableSpec TABLE =
      new TableSpec(
          "analytics",
          "sales",
          List.of(
              new TableSpec.Column("day", ColumnType.DATE),
              new TableSpec.Column("id", ColumnType.parse("bigint"))),
          List.of("day", "id"),
          WriteMode.UPSERT,
          null,
          null);

  @TempDir Path dir;

  @Test
  void aRoleThatMayOnlyWriteItsTablesLoadsOnceTheObjectsExist() throws Exception {
    String url = PostgresTestServer.newDatabase();
    String loader =
        "loader_" + UUID.randomUUID().toString().substring(0, 8); // roles are cluster-wide
    load(
        url,
        "postgres",
        "",
        LocalDate.of(2020, 12, 1)); // the owner's first load creates everything
    sql(
        url,
        "CREATE ROLE " + loader + " LOGIN PASSWORD 'loader'",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "GRANT USAGE ON SCHEMA analytics TO " + loader,
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA analytics TO " + loader);

    load(url, loader, "loader", LocalDate.of(2020, 12, 2));

    sql(url, "REVOKE INSERT ON analytics.sales FROM " + loader);
    EtlxException denied =
        catchThrowableOfType(
            EtlxException.class, () -> load(url, loader, "loader", LocalDate.of(2020, 12, 3)));
    assertThat(denied.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(denied.code().retryable()).isFalse();
    assertThat(denied.getMessage())
        .contains("permission denied for table sales", "grant the loading role that privilege");
  }

  private void load(String url, String user, String password, LocalDate date) {
    Path rows = dir.resolve("rows-" + date + "-" + UUID.randomUUID() + ".csv.gz");
    RowsFiles.write(
        rows, List.of("day", "id"), List.<String[]>of(new String[] {date.toString(), "1"}));
    YamlMap options =
        (YamlMap)
            YamlReader.parse(
                "url: \"" + url + "\"\nuser: " + user + "\npassword: \"${PW}\"\n", "t.yaml");
    try (Warehouse w =
        new PostgresPlugin()
            .open(
                new PluginSpec("postgres", options).plain(),
                PluginSetup.of(dir, Interpolator.withoutDate(Map.of(), Map.of("PW", password))))) {
      w.load(
          new LoadRequest(
              TABLE,
              rows,
              new LedgerEntry(
                  "sales",
                  "prod",
                  date,
                  UUID.randomUUID().toString(),
                  "raw",
                  "rows",
                  "fp",
                  1,
                  Instant.now(),
                  null)));
    }
  }

  private static void sql(String url, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
