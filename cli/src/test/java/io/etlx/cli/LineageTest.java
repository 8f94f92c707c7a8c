package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLineage events of real DuckDB runs of the shipped exchange_rates pipeline, received by a real
 * HTTP server on loopback (or read from a file): START and COMPLETE for every stage that runs,
 * nothing for the stages a rerun skips, FAIL for a failed one; secrets never in an event; a
 * receiver that fails or is gone never fails a run.
 */
class LineageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "ol-k3y-that-stays-in-a-header";

  @TempDir Path dir;
  private FxServer api;
  private Receiver receiver;
  private TestProject project;
  private Map<String, String> env;

  @BeforeEach
  void start() throws IOException {
    api = new FxServer();
    receiver = new Receiver();
    project = new TestProject(dir, api.url(), false);
    env = new HashMap<>(project.env);
    env.put("OPENLINEAGE_API_KEY", API_KEY);
    lineage(
        """
        lineage:
          http: {url: "%s", api_key: "${OPENLINEAGE_API_KEY}", timeout_seconds: 2}
        """
            .formatted(receiver.url()));
  }

  @AfterEach
  void stop() {
    receiver.close();
    api.close();
  }

  @Test
  void aRunSendsStartAndCompleteForEveryStageAsChildrenOfItsRun() throws IOException {
    CliRun run = run("2020-12-01", "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String runId = JSON.readTree(run.out()).get("run_id").asText();
    List<JsonNode> events = receiver.events();
    assertThat(events)
        .extracting(LineageTest::jobAndType)
        .containsExactly(
            "exchange_rates.extract START",
            "exchange_rates.extract COMPLETE",
            "exchange_rates.transform START",
            "exchange_rates.transform COMPLETE",
            "exchange_rates.load START",
            "exchange_rates.load COMPLETE",
            "exchange_rates.notify START",
            "exchange_rates.notify COMPLETE");
    for (JsonNode event : events) {
      assertThat(event.at("/job/namespace").asText()).isEqualTo("etlx-dev");
      assertThat(event.at("/run/facets/parent/run/runId").asText()).isEqualTo(runId);
      assertThat(event.at("/run/facets/parent/job/name").asText()).isEqualTo("exchange_rates");
      assertThat(event.at("/run/facets/nominalTime/nominalStartTime").asText())
          .isEqualTo("2020-12-01T00:00:00Z");
      assertThat(event.at("/run/facets/etlx/logicalDate").asText()).isEqualTo("2020-12-01");
      assertThat(event.at("/run/facets/etlx/environment").asText()).isEqualTo("dev");
      assertThat(event.at("/run/facets/etlx/attempt").asInt()).isEqualTo(1);
    }
    assertThat(receiver.paths).containsOnly("/api/v1/lineage");
    assertThat(receiver.authorizations).containsOnly("Bearer " + API_KEY);

    JsonNode extract = events.get(1);
    JsonNode source = extract.at("/inputs/0");
    assertThat(source.get("namespace").asText()).isEqualTo("http");
    assertThat(source.get("name").asText())
        .contains(api.url() + "/historical/2020-12-01.json", "app_id=${FX_APP_ID}");
    JsonNode raw = extract.at("/outputs/0");
    assertThat(raw.get("namespace").asText())
        .isEqualTo("file://" + dir.resolve("raw-dev").toAbsolutePath());
    assertThat(raw.get("name").asText()).isEqualTo("exchange_rates/2020-12-01");

    JsonNode load = events.get(5);
    assertThat(load.at("/inputs/0/namespace")).isEqualTo(raw.get("namespace"));
    assertThat(load.at("/inputs/0/name")).isEqualTo(raw.get("name"));
    JsonNode table = load.at("/outputs/0");
    assertThat(table.get("namespace").asText())
        .isEqualTo("duckdb://" + dir.resolve("warehouse.duckdb").toAbsolutePath());
    assertThat(table.get("name").asText()).isEqualTo("alice_dev.historical_exchange_rates");
    assertThat(table.at("/facets/schema/fields"))
        .extracting(f -> f.get("name").asText() + " " + f.get("type").asText())
        .containsExactly(
            "date date",
            "currency_code string",
            "exchange_rate decimal(18,6)",
            "base_currency_code string");
    assertThat(table.at("/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(5);
  }

  @Test
  void aRerunSendsNothingForTheStagesItSkips() {
    assertThat(run("2020-12-01").exitCode()).isZero();
    int first = receiver.bodies.size();

    assertThat(run("2020-12-01").exitCode()).isZero();
    assertThat(receiver.bodies).hasSize(first);

    assertThat(run("2020-12-01", "--from-stage", "load").exitCode()).isZero();
    assertThat(receiver.events().subList(first, receiver.bodies.size()))
        .extracting(LineageTest::jobAndType)
        .containsExactly(
            "exchange_rates.load START",
            "exchange_rates.load COMPLETE",
            "exchange_rates.notify START",
            "exchange_rates.notify COMPLETE");
  }

  @Test
  void aFailedStageSendsFailWithEtlxsMessage() {
    api.apiStatus = 503;

    CliRun run = run("2020-12-01", "--retries", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    List<JsonNode> events = receiver.events();
    assertThat(events)
        .extracting(LineageTest::jobAndType)
        .containsExactly("exchange_rates.extract START", "exchange_rates.extract FAIL");
    String message = events.get(1).at("/run/facets/errorMessage/message").asText();
    assertThat(message).contains("503", "${FX_APP_ID}");
    assertThat(events.get(1).at("/run/facets/errorMessage/stackTrace").isMissingNode()).isTrue();
  }

  @Test
  void noSecretOfTheEnvironmentIsEverInAnEvent() {
    assertThat(run("2020-12-01").exitCode()).isZero();
    api.apiStatus = 503;
    assertThat(run("2020-12-02", "--retries", "0").exitCode()).isEqualTo(ExitCode.EXTERNAL);

    assertThat(receiver.bodies).hasSizeGreaterThan(8);
    for (String body : receiver.bodies) {
      assertThat(body).doesNotContain(API_KEY).doesNotContain(project.env.get("FX_APP_ID"));
    }
  }

  @Test
  void aReceiverThatAnswers500OrIsGoneNeverFailsARun() throws Exception {
    receiver.status = 500;
    assertThat(run("2020-12-01").exitCode()).isZero();
    assertThat(receiver.bodies).isNotEmpty();

    receiver.close();
    assertThat(run("2020-12-02").exitCode()).isZero();

    assertThat(project.rows("alice_dev.historical_exchange_rates")).hasSize(10);
  }

  @Test
  void aFailingReceiverIsOneWarningWithoutTheKey() throws Exception {
    receiver.status = 500;

    CliRun run =
        project.process(
            Map.of("OPENLINEAGE_API_KEY", API_KEY),
            "run",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> warnings = run.err().lines().filter(line -> line.contains("lineage")).toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .contains("WARN", receiver.url() + "/api/v1/lineage", "HTTP 500")
        .doesNotContain(API_KEY);
    // three failures in a row, then etlx stops sending for the rest of the command
    assertThat(receiver.bodies).hasSize(3);
  }

  @Test
  void aFileTransportAppendsOneEventPerLine() throws IOException {
    lineage(
        """
        lineage:
          namespace: analytics
          file: {path: .etlx/lineage/events.ndjson}
        """);

    assertThat(run("2020-12-01").exitCode()).isZero();
    assertThat(run("2020-12-02").exitCode()).isZero();

    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(".etlx/lineage/events.ndjson"))) {
      events.add(JSON.readTree(line));
    }
    assertThat(events).hasSize(16);
    assertThat(events).allMatch(e -> e.at("/job/namespace").asText().equals("analytics"));
    assertThat(events.subList(8, 16))
        .allMatch(e -> e.at("/run/facets/etlx/logicalDate").asText().equals("2020-12-02"));
    assertThat(receiver.bodies).isEmpty();
  }

  /** Adds a lineage block to the dev overlay, in place of any earlier one. */
  private void lineage(String block) throws IOException {
    Path overlay = dir.resolve("environments/dev.yaml");
    String yaml = Files.readString(overlay);
    int earlier = yaml.indexOf("lineage:");
    Files.writeString(overlay, (earlier < 0 ? yaml : yaml.substring(0, earlier)) + block);
  }

  private CliRun run(String date, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-C",
                dir.toString(),
                "run",
                "exchange_rates",
                "--date",
                date,
                "--env",
                "dev",
                "--retry-backoff-ms",
                "1"));
    args.addAll(List.of(more));
    return CliRun.of(env, args.toArray(String[]::new));
  }

  private static String jobAndType(JsonNode event) {
    return event.at("/job/name").asText() + " " + event.get("eventType").asText();
  }

  /** An OpenLineage server on loopback that keeps what it is sent, and can answer an error. */
  private static final class Receiver implements AutoCloseable {
    private final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int status = 201;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<JsonNode> events() {
      return bodies.stream()
          .map(
              body -> {
                try {
                  return JSON.readTree(body);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
