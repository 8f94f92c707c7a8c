package io.etlx.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.testkit.PostgresTestServer;
import io.etlx.testkit.Records;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jdbc source against a real PostgreSQL server, and once against DuckDB. */
class JdbcSourceTest {
  private static final String SECRET = "s3cr3t-Pw";
  private static String url;

  @TempDir Path project;

  @BeforeAll
  static void createOrders() throws Exception {
    url = PostgresTestServer.newDatabase();
    execute(
        url,
        "postgres",
        """
        create table orders (id bigint, amount numeric(12,2), note text, day date, created_at timestamp,
          paid_at timestamptz, paid boolean);
        insert into orders values
          (1, 12.50, 'it''s "quoted" — 日本語 ✓', '2020-12-01', '2020-12-01 10:15:30', '2020-12-01 10:00:00+02', true),
          (2, null, null, '2020-12-01', '2020-12-01 23:59:59.123456', null, null),
          (3, -0.07, 'next day', '2020-12-02', '2020-12-02 00:00:00', null, false);
        """);
  }

  @Test
  void returnsOnlyTheLogicalDatesRowsWithExactValues() {
    List<ObjectNode> records =
        extract(open(pg("select * from orders where day = ? order by id", "[logical_date]")));

    assertThat(records)
        .extracting(Object::toString)
        .containsExactly(
            "{\"id\":1,\"amount\":12.50,\"note\":\"it's \\\"quoted\\\" — 日本語"
                + " ✓\",\"day\":\"2020-12-01\",\"created_at\":\"2020-12-01"
                + " 10:15:30\",\"paid_at\":\"2020-12-01 08:00:00\",\"paid\":true}",
            "{\"id\":2,\"amount\":null,\"note\":null,\"day\":\"2020-12-01\","
                + "\"created_at\":\"2020-12-01 23:59:59.123456\",\"paid_at\":null,\"paid\":null}");
    assertThat(records.get(0).get("amount").decimalValue())
        .isEqualByComparingTo("12.50")
        .extracting(BigDecimal::scale)
        .isEqualTo(2);
  }

  @Test
  void bindsTemplatedStringsAndShowsThemRedactedInDescribe() {
    Source source =
        open(
            pg(
                "select id from orders where day = ? and ? = 'EU' and ? <> '' order by id",
                "[logical_date, \"${env.region}\", \"${PG_PASSWORD}\"]"));

    assertThat(extract(source))
        .extracting(Object::toString)
        .containsExactly("{\"id\":1}", "{\"id\":2}");
    assertThat(source.describe())
        .isEqualTo(
            "jdbc "
                + url
                + ": select id from orders where day = ? and ? = 'EU'"
                + " and ? <> '' order by id [params: 2020-12-01, EU, ${PG_PASSWORD}]");
  }

  @Test
  void streamsFiftyThousandRows() {
    Source source =
        open(
            spec(
                "url: \""
                    + url
                    + "\"\nuser: postgres\nfetch_size: 1000\n"
                    + "query: select g as id, md5(g::text) as h from generate_series(1, 50000) g"));
    long[] count = {0};

    source.extract(record -> count[0]++);

    assertThat(count[0]).isEqualTo(50_000);
  }

  @Test
  void rowsReachTheConsumerBeforeTheServerHasProducedTheLastOne() {
    // buffered by the driver, the whole result would fail before the first row: a cursor hands rows
    // on
    Source source =
        open(
            spec(
                "url: \""
                    + url
                    + "\"\nuser: postgres\nfetch_size: 100\n"
                    + "query: select 1 / (50000 - g) as x from generate_series(1, 50000) g"));
    List<ObjectNode> seen = new ArrayList<>();

    EtlxException e = (EtlxException) catchThrowable(() -> source.extract(Records.into(seen)));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(seen).hasSizeGreaterThanOrEqualTo(49_000);
  }

  @Test
  void badSqlIsRejectedInOneLineWithoutThePassword() {
    EtlxException e = failure(pg("selec id from orders where day = ?", "[logical_date]"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo(
            "source rejected the query of jdbc "
                + url
                + " (SQLState 42601: ERROR: syntax error at or near \"selec\"; Position: 1); check"
                + " 'query', 'params' and that the user may read the tables (not retried)");
  }

  @Test
  void aSecretEchoedByTheServerIsMaskedInTheError() {
    EtlxException e = failure(pg("select ?::int as n", "[\"${PG_PASSWORD}\"]"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e.getMessage())
        .contains("invalid input syntax for type integer: \"${PG_PASSWORD}\"")
        .doesNotContain(SECRET)
        .doesNotContain("\n");
  }

  @Test
  void anUnreachableServerIsUnavailableAndRetryable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String closed = "jdbc:postgresql://127.0.0.1:" + port + "/shop";

    EtlxException e =
        failure(
            spec(
                "url: \""
                    + closed
                    + "\"\nuser: postgres\npassword: \"${PG_PASSWORD}\"\n"
                    + "query: select 1"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e.code().retryable()).isTrue();
    assertThat(e.getMessage())
        .startsWith(
            "source unavailable: cannot connect to jdbc "
                + closed
                + " (SQLState 08001: Connection to 127.0.0.1:"
                + port
                + " refused.")
        .endsWith("); a rerun later is safe")
        .doesNotContain(SECRET)
        .doesNotContain("\n");
  }

  @Test
  void binaryColumnsAndDuplicateLabelsAreGarbage() {
    EtlxException binary = failure(pg("select 1 as id, '\\x00ff'::bytea as payload", "[]"));
    EtlxException twice = failure(pg("select 1 as id, 2 as id", "[]"));

    assertThat(binary.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(binary.getMessage())
        .isEqualTo(
            "column 'payload' (bytea) of the query of jdbc "
                + url
                + " holds binary data, which records cannot carry; cast or encode it to text in the"
                + " query");
    assertThat(twice.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(twice.getMessage())
        .isEqualTo(
            "columns 1 and 2 of the query of jdbc "
                + url
                + " are both named 'id'; give them distinct aliases in the query");
  }

  @Test
  void aUrlNoDriverAcceptsIsAnInvalidValue() {
    EtlxException e =
        (EtlxException)
            catchThrowable(() -> open(spec("url: jdbc:mysql://db/shop\nquery: select 1")));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
    assertThat(e.getMessage())
        .isEqualTo(
            "source.url: no JDBC driver accepts 'jdbc:mysql://db/shop'; etlx has drivers for"
                + " jdbc:postgresql:, jdbc:redshift:, jdbc:snowflake: and jdbc:duckdb: URLs");
  }

  @Test
  void readsDuckDbToo() throws Exception {
    String duck = "jdbc:duckdb:" + project.resolve("shop.duckdb");
    execute(
        duck,
        null,
        """
        create table orders (id bigint, amount decimal(12,2), note varchar, day date, created_at timestamp, paid boolean);
        insert into orders values (1, 12.50, 'ünïcode', '2020-12-01', '2020-12-01 10:15:30.5', true),
          (2, null, null, '2020-12-01', null, null), (3, 1, 'next day', '2020-12-02', null, false);
        """);

    List<ObjectNode> records =
        extract(
            open(
                spec(
                    "url: \""
                        + duck
                        + "\"\n"
                        + "query: select * from orders where day = ? order by id\n"
                        + "params: [logical_date]")));

    assertThat(records)
        .extracting(Object::toString)
        .containsExactly(
            "{\"id\":1,\"amount\":12.50,\"note\":\"ünïcode\",\"day\":\"2020-12-01\","
                + "\"created_at\":\"2020-12-01 10:15:30.500000\",\"paid\":true}",
            "{\"id\":2,\"amount\":null,\"note\":null,\"day\":\"2020-12-01\",\"created_at\":null,\"paid\":null}");
  }

  static PluginOptions spec(String yaml) {
    return new PluginSpec("jdbc", (YamlMap) YamlReader.parse(yaml, "test.yaml")).plain();
  }

  /**
   * PostgreSQL as user postgres with a password from the environment (the test server trusts any).
   */
  private static PluginOptions pg(String query, String params) {
    return spec(
        "url: \""
            + url
            + "\"\nuser: postgres\npassword: \"${PG_PASSWORD}\"\n"
            + "query: \""
            + query.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"\nparams: "
            + params);
  }

  private Source open(PluginOptions spec) {
    Interpolator interpolator =
        new Interpolator(
            LocalDate.of(2020, 12, 1), Map.of("region", "EU"), Map.of("PG_PASSWORD", SECRET));
    JdbcSourcePlugin plugin = new JdbcSourcePlugin();
    assertThat(plugin.check(spec)).isEmpty();
    return plugin.open(spec, PluginSetup.of(project, interpolator));
  }

  private EtlxException failure(PluginOptions spec) {
    Source source = open(spec);
    assertThat(source.describe()).doesNotContain(SECRET);
    return (EtlxException) catchThrowable(() -> extract(source));
  }

  private static List<ObjectNode> extract(Source source) {
    List<ObjectNode> records = new ArrayList<>();
    source.extract(Records.into(records));
    return records;
  }

  private static void execute(String jdbcUrl, String user, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, null);
        Statement s = c.createStatement()) {
      for (String statement : sql.split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
    }
  }
}
