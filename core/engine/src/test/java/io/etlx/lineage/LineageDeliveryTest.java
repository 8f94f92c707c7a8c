package io.etlx.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.LineageSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spec.PluginSpec;
import io.etlx.spec.SinkSpec;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.WriteMode;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.yaml.Origin;
import io.etlx.yaml.YamlMap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How events leave etlx: POSTed to a real HTTP server on loopback with the API key as a bearer
 * token, appended to a file, and never an exception into the run — a server answering 500 or not
 * listening costs at most a few attempts.
 */
class LineageDeliveryTest {
  private static final Instant AT = Instant.parse("2020-12-02T06:00:00Z");
  private static final RunKey KEY = new RunKey("orders", "prod", LocalDate.of(2020, 12, 1));
  private static final String RUN_ID = UUID.randomUUID().toString();
  private static final Map<String, String> ENV =
      Map.of("OPENLINEAGE_API_KEY", "k-3cr3t-123", "LINEAGE_URL", "not a url at all");

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestURI().getPath());
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void eventsArePostedToTheLineageEndpointWithTheKeyAsABearerToken() {
    try (Lineage lineage = open(http(url(), "${OPENLINEAGE_API_KEY}"), null)) {
      StageListener run = lineage.run(KEY, RUN_ID, pipeline(), "raw", List.of());
      run.started(Stage.LOAD, 1, AT);
      run.succeeded(Stage.LOAD, 1, AT, 5);
    }

    assertThat(paths).containsExactly("/api/v1/lineage", "/api/v1/lineage");
    assertThat(authorizations).containsOnly("Bearer k-3cr3t-123");
    assertThat(received).hasSize(2).noneMatch(body -> body.contains("k-3cr3t-123"));
    assertThat(received.get(1)).contains("\"COMPLETE\"", "\"orders.load\"", "\"rowCount\":5");
  }

  @Test
  void aUrlWithAPathIsUsedAsItIsAndNoKeyMeansNoAuthorization() {
    try (Lineage lineage = open(http(url() + "/custom/events", null), null)) {
      lineage.run(KEY, RUN_ID, pipeline(), "raw", List.of()).started(Stage.EXTRACT, 1, AT);
    }

    assertThat(paths).containsExactly("/custom/events");
    assertThat(authorizations).containsOnlyNulls();
  }

  @Test
  void aServerThatFailsIsGivenUpAfterAFewFailuresInARowWhileTheFileStillGetsEverything()
      throws IOException {
    status = 500;
    Path file = dir.resolve("events.ndjson");
    try (Lineage lineage = open(http(url(), null), file.toString())) {
      StageListener run = lineage.run(KEY, RUN_ID, pipeline(), "raw", List.of());
      for (int attempt = 1; attempt <= 5; attempt++) {
        run.started(Stage.EXTRACT, attempt, AT);
        run.failed(Stage.EXTRACT, attempt, AT, "extract of orders: the source is down");
      }
    }

    assertThat(received).hasSize(Delivery.GIVE_UP_AFTER);
    assertThat(Files.readAllLines(file)).hasSize(10);
  }

  @Test
  void aServerThatIsNotListeningOrAUrlThatIsNoneNeverThrows() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path file = dir.resolve("nested/dir/events.ndjson");
    for (String url : List.of("http://127.0.0.1:" + closedPort, "${LINEAGE_URL}")) {
      try (Lineage lineage = open(http(url, "${OPENLINEAGE_API_KEY}"), file.toString())) {
        StageListener run = lineage.run(KEY, RUN_ID, pipeline(), "raw", List.of());
        run.started(Stage.LOAD, 1, AT);
        run.succeeded(Stage.LOAD, 1, AT, 1);
      }
    }

    assertThat(Files.readAllLines(file)).hasSize(4);
  }

  @Test
  void theParentRunIsEtlxsRunIdOrAUuidAlwaysDerivedTheSameFromIt() {
    UUID uuid = UUID.randomUUID();
    assertThat(PipelineRun.uuid(uuid.toString())).isEqualTo(uuid);
    assertThat(PipelineRun.uuid("run-42"))
        .isEqualTo(PipelineRun.uuid("run-42"))
        .isNotEqualTo(PipelineRun.uuid("run-43"));
  }

  private Lineage open(LineageSpec.Http http, String file) {
    return Lineage.open(
        new LineageSpec("etlx-prod", http, file == null ? null : new LineageSpec.File(file)),
        Interpolator.withoutDate(Map.of(), ENV),
        dir,
        new NamedByType());
  }

  private static LineageSpec.Http http(String url, String apiKey) {
    return new LineageSpec.Http(url, apiKey, 2);
  }

  private static PipelineSpec pipeline() {
    Origin origin = new Origin("pipelines/orders.yaml", 1, 1, "");
    return new PipelineSpec(
        "orders",
        null,
        "pipelines/orders.yaml",
        ZoneOffset.UTC,
        new PluginSpec("http", YamlMap.empty(origin)),
        new TransformSpec(
            1,
            List.of(
                new ColumnSpec("day", new ColumnSource.LogicalDate(), ColumnType.DATE, null),
                new ColumnSpec(
                    "id", new ColumnSource.Field("id"), ColumnType.parse("bigint"), null)),
            List.of()),
        List.of("day", "id"),
        new SinkSpec(null, "orders", WriteMode.UPSERT, null, null),
        List.of());
  }

  /** Data sets named the way a plug-in without names of its own has them named. */
  private static final class NamedByType implements Datasets {
    @Override
    public DatasetName raw(PartitionKey partition) {
      return new DatasetName("file", partition.toString());
    }

    @Override
    public DatasetName table(String schema, String table) {
      return new DatasetName("duckdb", schema + "." + table);
    }

    @Override
    public Optional<String> source(PartitionKey partition) {
      return Optional.of("GET https://api.example.com/orders?key=${ORDERS_KEY}");
    }
  }
}
