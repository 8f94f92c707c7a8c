package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code etlx validate} on the shipped project and its output formats. */
class ValidateCommandTest {
  private static final String PROJECT = Path.of("..").toString();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shippedPipelinesAndEnvironmentsAreValid() {
    CliRun run = CliRun.of("-C", PROJECT, "validate");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).endsWith("ok: 3 pipeline(s), 3 environment(s)\n");
  }

  @Test
  void validatesOnePipelineAgainstOneEnvironment() {
    CliRun run =
        CliRun.of("-C", PROJECT, "validate", "pipelines/exchange_rates.yaml", "--env", "dev");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("ok: 1 pipeline(s), 1 environment(s)\n");
  }

  @Test
  void jsonFormatListsErrorsWithPositionAndCode() throws Exception {
    String fixture = "src/test/resources/invalid/08-primary-key-unknown-column";

    CliRun run = CliRun.of("-C", fixture, "validate", "--format", "json");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("valid").asBoolean()).isFalse();
    JsonNode error = report.get("errors").get(0);
    assertThat(error.get("file").asText()).isEqualTo("pipelines/p.yaml");
    assertThat(error.get("line").asInt()).isEqualTo(11);
    assertThat(error.get("column").asInt()).isEqualTo(21);
    assertThat(error.get("path").asText()).isEqualTo("primary_key[1]");
    assertThat(error.get("code").asText()).isEqualTo("UNKNOWN_COLUMN");
    assertThat(error.get("message").asText())
        .isEqualTo(
            "primary key column 'cod' is not produced by transform.columns (did you mean 'code'?)");
  }

  @Test
  void listsSecretsAPipelineNeedsWithoutRequiringThemAndNeverPrintsTheirValues() throws Exception {
    String fixture = "src/test/resources/invalid/15-missing-env-var";
    Map<String, String> env =
        Map.of("ETLX_TEST_APP_ID", "s3cr3t-app-id", "ETLX_TEST_TOKEN", "s3cr3t-token");

    CliRun lenient = CliRun.of(Map.of(), "-C", fixture, "validate", "--format", "json");
    CliRun strictWithSecrets = CliRun.of(env, "-C", fixture, "validate", "--require-env");

    assertThat(lenient.exitCode()).isZero();
    assertThat(JSON.readTree(lenient.out()).get("required_env").get("pipelines/p.yaml").toString())
        .isEqualTo("[\"ETLX_TEST_APP_ID\",\"ETLX_TEST_TOKEN\"]");
    assertThat(strictWithSecrets.exitCode()).isZero();
    assertThat(strictWithSecrets.out() + strictWithSecrets.err()).doesNotContain("s3cr3t");
  }

  @Test
  void unknownEnvironmentIsAUserErrorWithSuggestion() {
    CliRun run = CliRun.of("-C", PROJECT, "validate", "--env", "dve");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.err())
        .isEqualTo(
            "etlx: no environment 'dve' under environments/ (did you mean 'dev'? known: dev, prod,"
                + " snowflake)\n");
  }

  @Test
  void missingPathIsAUsageError() {
    CliRun run = CliRun.of("-C", PROJECT, "validate", "pipelines/nope.yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("etlx: no such file or directory: pipelines/nope.yaml\n");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("validate", "--bogus");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .isEqualTo("etlx: Unknown option: '--bogus'\nTry 'etlx validate --help'.\n");
  }

  @Test
  void aBadDateIsAOneLineUsageError() {
    CliRun run =
        CliRun.of("-C", PROJECT, "run", "exchange_rates", "--date", "2020-13-01", "--env", "dev");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .isEqualTo(
            "etlx: --date '2020-13-01' is not a date: use YYYY-MM-DD (e.g. 2020-12-01), today or"
                + " yesterday\n");
  }

  @Test
  void helpAndVersion() {
    assertThat(CliRun.of("--help").out()).contains("validate", "schema", "Exit codes");
    assertThat(CliRun.of("--version").out()).startsWith("etlx ");
  }
}
