package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code etlx query} reads and never writes, on the embedded DuckDB file and on a real PostgreSQL:
 * the warehouse itself refuses a write (a read-only attachment, a read-only transaction), and the
 * table is untouched afterwards.
 */
class QueryCommandTest {
  private static final String TABLE = "alice_dev.historical_exchange_rates";

  @TempDir Path dir;
  private FxServer server;
  private Backend backend;

  static Stream<Arguments> backends() {
    return Stream.of(
        Arguments.of("duckdb", (Supplier<Backend>) Backend::duckdb),
        Arguments.of("postgres", (Supplier<Backend>) Backend::postgresAndS3));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private TestProject loaded(Supplier<Backend> which) throws Exception {
    server = new FxServer();
    backend = which.get();
    TestProject project = new TestProject(dir, server.url(), false, backend);
    CliRun run = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return project;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void readsWithTheSchemaPlaceholder(String name, Supplier<Backend> which) throws Exception {
    TestProject project = loaded(which);

    CliRun query =
        project.etlx(
            "query",
            "--env",
            "dev",
            "SELECT currency_code FROM ${schema}.historical_exchange_rates ORDER BY 1");

    assertThat(query.exitCode()).as(query.err()).isZero();
    assertThat(query.out()).isEqualTo("currency_code\nEUR\nGBP\nINR\nJPY\nUSD\n");
    assertThat(query.err()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void theWarehouseRefusesEveryWrite(String name, Supplier<Backend> which) throws Exception {
    TestProject project = loaded(which);
    List<String> before = project.rows(TABLE);

    for (String write :
        List.of(
            "DROP TABLE ${schema}.historical_exchange_rates",
            "drop table ${schema}.historical_exchange_rates",
            "DELETE FROM ${schema}.historical_exchange_rates",
            "UPDATE ${schema}.historical_exchange_rates SET exchange_rate = 0",
            "INSERT INTO ${schema}.historical_exchange_rates SELECT * FROM"
                + " ${schema}.historical_exchange_rates",
            "CREATE TABLE ${schema}.copy AS SELECT 1 AS one",
            "WITH gone AS (DELETE FROM ${schema}.historical_exchange_rates RETURNING *)"
                + " SELECT count(*) FROM gone")) {
      CliRun query = project.etlx("query", "--env", "dev", write);

      assertThat(query.exitCode()).as(write + ": " + query.err()).isEqualTo(ExitCode.USER_ERROR);
      assertThat(query.out()).isEmpty();
      assertThat(query.err()).doesNotContain("executeQuery");
      if (!write.startsWith("WITH")) { // DuckDB has no data-modifying WITH: a syntax error there
        assertThat(query.err()).as(write).startsWith("etlx: query only reads, and ");
      }
    }
    assertThat(project.rows(TABLE)).isEqualTo(before).hasSize(5);
    assertThat(project.rows("alice_dev.copy")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aSecondStatementCannotEscapeTheGuard(String name, Supplier<Backend> which) throws Exception {
    TestProject project = loaded(which);

    for (String text :
        List.of(
            "SELECT 1; COMMIT; DROP TABLE ${schema}.historical_exchange_rates",
            "SELECT 1; DROP TABLE ${schema}.historical_exchange_rates")) {
      CliRun query = project.etlx("query", "--env", "dev", text);

      assertThat(query.exitCode()).as(text + ": " + query.err()).isEqualTo(ExitCode.USER_ERROR);
      if (name.equals("postgres")) { // its driver would send the statements one by one
        assertThat(query.err())
            .startsWith("etlx: query runs one statement at a time, and this text holds ");
      }
    }
    assertThat(project.rows(TABLE)).hasSize(5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void aStatementWithoutRowsIsRefusedPlainly(String name, Supplier<Backend> which)
      throws Exception {
    TestProject project = loaded(which);

    CliRun query = project.etlx("query", "--env", "dev", "PREPARE etlx_p AS SELECT 1");

    assertThat(query.exitCode()).as(query.err()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(query.err())
        .isEqualTo(
            "etlx: query prints the rows a statement returns (SELECT, WITH, VALUES, SHOW ...), and"
                + " this statement returned none\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backends")
  void maxRowsNoteGoesToStderrNotIntoTheCsv(String name, Supplier<Backend> which) throws Exception {
    TestProject project = loaded(which);

    CliRun query =
        project.etlx(
            "query",
            "--env",
            "dev",
            "--max-rows",
            "2",
            "SELECT currency_code FROM ${schema}.historical_exchange_rates ORDER BY 1");

    assertThat(query.exitCode()).as(query.err()).isZero();
    assertThat(query.out()).isEqualTo("currency_code\nEUR\nGBP\n");
    assertThat(query.err())
        .isEqualTo(
            "etlx: more rows not shown: printed the first 2 (raise --max-rows to see more)\n");
  }
}
