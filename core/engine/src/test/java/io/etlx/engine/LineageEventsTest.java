package io.etlx.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.spi.Plugin;
import io.etlx.spi.PluginRegistry;
import io.etlx.state.file.FileStatePlugin;
import io.etlx.validate.ResolvedPipeline;
import io.etlx.validate.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenLineage events the engine emits, read back from a file transport: one START and one
 * COMPLETE (or FAIL) per attempt of a stage that runs, none for a stage the rerun rule skips, with
 * the job, parent run, nominal time, etlx facet and data sets each stage has.
 */
class LineageEventsTest {
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);
  private static final Instant NOW = Instant.parse("2020-12-02T06:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PIPELINE =
      """
      pipeline: p
      source: {type: fake}
      transform:
        columns:
          day: {from: logical_date, type: date}
          code: {from: code, type: string}
          amount: {from: amount, type: "decimal(10,2)"}
      primary_key: [day, code]
      sink: {table: t, mode: upsert}
      notify:
        - {type: fake, on: [success]}
      """;

  @TempDir Path dir;
  private FakeWorld world;
  private PluginRegistry registry;

  @BeforeEach
  void project() throws IOException {
    world = new FakeWorld(Files.createDirectories(dir.resolve("artifacts")));
    List<Plugin> plugins = new ArrayList<>(world.plugins());
    plugins.add(new FileStatePlugin());
    registry = new PluginRegistry(plugins);
    Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(dir.resolve("environments"));
    Files.writeString(dir.resolve("pipelines/p.yaml"), PIPELINE);
    Files.writeString(
        dir.resolve("environments/dev.yaml"),
        """
        warehouse: {type: fake}
        schema: s
        raw_store: {type: fake}
        state: {type: file, path: state}
        lineage:
          namespace: acme
          file: {path: lineage/events.ndjson}
        """);
    world.source.put(DEC_1, Map.of("A", "1.00", "B", "2.00"));
  }

  @Test
  void everyStageThatRunsStartsAndCompletesAsAChildOfThePipelineRun() throws IOException {
    RunReport report = run(0);

    List<JsonNode> events = events();
    assertThat(events)
        .extracting(e -> e.get("job").get("name").asText() + " " + e.get("eventType").asText())
        .containsExactly(
            "p.extract START",
            "p.extract COMPLETE",
            "p.transform START",
            "p.transform COMPLETE",
            "p.load START",
            "p.load COMPLETE",
            "p.notify START",
            "p.notify COMPLETE");
    for (JsonNode event : events) {
      assertThat(event.get("eventTime").asText()).isEqualTo("2020-12-02T06:00:00Z");
      assertThat(event.get("producer").asText()).isEqualTo("https://etlx.io/etlx");
      assertThat(event.get("schemaURL").asText()).contains("OpenLineage.json");
      assertThat(event.get("job").get("namespace").asText()).isEqualTo("acme");
      assertThat(event.at("/job/facets/jobType/integration").asText()).isEqualTo("ETLX");
      JsonNode facets = event.get("run").get("facets");
      assertThat(facets.at("/parent/run/runId").asText()).isEqualTo(report.runId());
      assertThat(facets.at("/parent/job/namespace").asText()).isEqualTo("acme");
      assertThat(facets.at("/parent/job/name").asText()).isEqualTo("p");
      assertThat(facets.at("/parent/root/run/runId").asText()).isEqualTo(report.runId());
      assertThat(facets.at("/nominalTime/nominalStartTime").asText())
          .isEqualTo("2020-12-01T00:00:00Z");
      assertThat(facets.at("/nominalTime/nominalEndTime").asText())
          .isEqualTo("2020-12-02T00:00:00Z");
      JsonNode etlx = facets.get("etlx");
      assertThat(etlx.get("_schemaURL").asText()).contains("etlx-run-facet.schema.json");
      assertThat(etlx.get("pipeline").asText()).isEqualTo("p");
      assertThat(etlx.get("logicalDate").asText()).isEqualTo("2020-12-01");
      assertThat(etlx.get("environment").asText()).isEqualTo("dev");
      assertThat(event.get("job").get("name").asText())
          .isEqualTo("p." + etlx.get("stage").asText());
      assertThat(etlx.get("attempt").asInt()).isEqualTo(1);
      assertThat(facets.has("errorMessage")).isFalse();
    }
    // an attempt is one OpenLineage run: its START and COMPLETE share an id no other attempt has
    List<String> runIds = events.stream().map(e -> e.at("/run/runId").asText()).toList();
    for (int i = 0; i < runIds.size(); i += 2) {
      assertThat(runIds.get(i)).isEqualTo(runIds.get(i + 1)).isNotEqualTo(report.runId());
    }
    assertThat(runIds.stream().distinct()).hasSize(4);
  }

  @Test
  void eachStageNamesTheDataSetsItReadsAndWrites() throws IOException {
    run(0);
    List<JsonNode> events = events();

    JsonNode extractStart = events.get(0);
    assertThat(extractStart.get("inputs")).isEmpty(); // the source describes itself once read
    assertThat(dataset(extractStart.get("outputs").get(0))).isEqualTo("fake p/2020-12-01");
    JsonNode extract = events.get(1);
    assertThat(extract.get("inputs")).hasSize(1);
    assertThat(dataset(extract.get("inputs").get(0))).isEqualTo("fake fake source for 2020-12-01");
    assertThat(extract.at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong())
        .isEqualTo(2);

    JsonNode transform = events.get(3);
    assertThat(transform.get("inputs"))
        .extracting(LineageEventsTest::dataset)
        .containsExactly("fake p/2020-12-01");
    assertThat(transform.get("outputs")).isEmpty();

    JsonNode loadStart = events.get(4);
    JsonNode load = events.get(5);
    for (JsonNode event : List.of(loadStart, load)) {
      assertThat(event.get("inputs"))
          .extracting(LineageEventsTest::dataset)
          .containsExactly("fake p/2020-12-01");
      JsonNode table = event.get("outputs").get(0);
      assertThat(dataset(table)).isEqualTo("fake s.t");
      assertThat(table.at("/facets/schema/fields"))
          .extracting(f -> f.get("name").asText() + " " + f.get("type").asText())
          .containsExactly("day date", "code string", "amount decimal(10,2)");
    }
    assertThat(loadStart.at("/outputs/0/outputFacets").isMissingNode()).isTrue();
    assertThat(load.at("/outputs/0/outputFacets/outputStatistics/rowCount").asLong()).isEqualTo(2);

    JsonNode notify = events.get(7);
    assertThat(notify.get("inputs")).isEmpty();
    assertThat(notify.get("outputs")).isEmpty();
  }

  @Test
  void stagesTheRerunRuleSkipsSendNothing() throws IOException {
    run(0);
    int before = events().size();

    RunReport again = run(0);

    assertThat(again.stages()).allMatch(s -> s.action() == StageReport.Action.SKIPPED);
    assertThat(events()).hasSize(before);
  }

  @Test
  void aFailedAttemptEndsInFailWithEtlxsMessageAndARetryIsARunOfItsOwn() throws IOException {
    world.failNextLoad = true;

    RunReport report = run(1);

    assertThat(report.succeeded()).isTrue();
    List<JsonNode> load =
        events().stream().filter(e -> e.at("/job/name").asText().equals("p.load")).toList();
    assertThat(load)
        .extracting(e -> e.get("eventType").asText() + " " + e.at("/run/facets/etlx/attempt"))
        .containsExactly("START 1", "FAIL 1", "START 2", "COMPLETE 2");
    JsonNode fail = load.get(1);
    assertThat(fail.at("/run/facets/errorMessage/message").asText())
        .isEqualTo("warehouse went away before the commit");
    assertThat(fail.at("/run/facets/errorMessage/programmingLanguage").asText()).isEqualTo("Java");
    assertThat(fail.at("/run/facets/errorMessage/stackTrace").isMissingNode()).isTrue();
    assertThat(fail.at("/run/runId").asText()).isEqualTo(load.get(0).at("/run/runId").asText());
    assertThat(load.get(2).at("/run/runId").asText()).isNotEqualTo(fail.at("/run/runId").asText());
  }

  @Test
  void aRunThatFailsEndsItsStageInFailAndStartsNoLaterStage() throws IOException {
    world.failNextLoad = true;

    RunReport report = run(0);

    assertThat(report.succeeded()).isFalse();
    List<JsonNode> events = events();
    assertThat(events)
        .extracting(e -> e.get("job").get("name").asText() + " " + e.get("eventType").asText())
        .endsWith("p.load START", "p.load FAIL");
    assertThat(events).noneMatch(e -> e.at("/job/name").asText().equals("p.notify"));
  }

  private RunReport run(int retries) {
    ResolvedPipeline resolved = new Workspace(dir, registry, Map.of()).resolve("p", "dev");
    try (EnvironmentSession session =
        new EnvironmentSession(registry, resolved.environment(), dir, Map.of())) {
      EngineSettings settings =
          new EngineSettings(retries, Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC));
      return new RunEngine(session, settings).run(resolved, DEC_1, RunOptions.DEFAULT);
    }
  }

  private List<JsonNode> events() throws IOException {
    Path file = dir.resolve("lineage/events.ndjson");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private static String dataset(JsonNode dataset) {
    return dataset.get("namespace").asText() + " " + dataset.get("name").asText();
  }
}
