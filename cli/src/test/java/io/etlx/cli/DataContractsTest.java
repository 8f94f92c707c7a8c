package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * etlx never loads data that silently differs from its spec, through the CLI on DuckDB: a column
 * renamed in the warehouse keeps its values on replay of older raw data, a field the data lacks
 * fails the transform, an empty source fails the extract.
 */
class DataContractsTest {
  private static final Map<String, String> ENV = Map.of("USER", "dc");
  private static final String TABLE = "dc_dev.events";

  @TempDir Path dir;

  private static final String CSV_V1 =
      """
      pipeline: events
      source: {type: file, path: "data/${date}.csv", format: csv}
      transform:
        version: 1
        columns:
          id:         {from: id, type: bigint}
          event_type: {from: event_type, type: string}
      primary_key: [id]
      sink: {table: events, mode: upsert}
      """;

  /** Version 2 renames the warehouse column; the source still calls the field event_type. */
  private static final String CSV_V2 =
      """
      pipeline: events
      source: {type: file, path: "data/${date}.csv", format: csv}
      transform:
        version: 2
        columns:
          id:   {from: id, type: bigint}
          kind: {from: event_type, type: string}
        upgrades:
          - {from: 1, rename: {event_type: kind}}
      primary_key: [id]
      sink: {table: events, mode: upsert}
      """;

  /** Version 3: the source renamed its field too (said as a raw rule), and a column is added. */
  private static final String CSV_V3 =
      """
      pipeline: events
      source: {type: file, path: "data/${date}.csv", format: csv}
      transform:
        version: 3
        columns:
          id:      {from: id, type: bigint}
          kind:    {from: type, type: string}
          channel: {from: channel, type: string}
        upgrades:
          - {from: 1, rename: {event_type: kind}, raw: {rename: {event_type: type}}}
          - {from: 2, default: {channel: web}, raw: {rename: {event_type: type}, default: {channel: web}}}
      primary_key: [id]
      sink: {table: events, mode: upsert}
      """;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rebuild", "--force"})
  void aRenamedColumnKeepsItsValuesWhenOlderRawDataIsReplayed(String replay) throws Exception {
    project(CSV_V1);
    data("2020-12-01", "id,event_type\n1,click\n2,view\n");
    ok("run", "events", "--date", "2020-12-01", "--env", "dev");
    spec(CSV_V2);
    data("2020-12-02", "id,event_type\n3,click\n");
    ok("run", "events", "--date", "2020-12-02", "--env", "dev");
    spec(CSV_V3);
    data("2020-12-03", "id,type,channel\n4,view,app\n");
    ok("run", "events", "--date", "2020-12-03", "--env", "dev");

    if (replay.equals("rebuild")) {
      ok("rebuild", "events", "--from", "2020-12-01", "--to", "2020-12-03", "--env", "dev");
    } else {
      for (String date : List.of("2020-12-01", "2020-12-02", "2020-12-03")) {
        ok("run", "events", "--date", date, "--env", "dev", "--force");
      }
    }

    assertThat(rows("SELECT id, kind, channel FROM ${schema}.events ORDER BY id"))
        .isEqualTo("id,kind,channel\n1,click,web\n2,view,web\n3,click,web\n4,view,app\n");
  }

  @Test
  void theSameOnJsonRecords() throws Exception {
    String v1 =
        """
        pipeline: events
        source: {type: file, path: "data/${date}.json", format: json, records: /events}
        transform:
          version: 1
          columns:
            id:         {from: id, type: bigint}
            event_type: {from: event_type, type: string}
        primary_key: [id]
        sink: {table: events, mode: upsert}
        """;
    project(v1);
    Files.writeString(
        dir.resolve("data/2020-12-01.json"),
        "{\"events\": [{\"id\": 1, \"event_type\": \"click\"}]}");
    ok("run", "events", "--date", "2020-12-01", "--env", "dev");
    spec(
        v1.replace("version: 1", "version: 2")
            .replace("event_type: {from: event_type", "kind:       {from: event_type")
            .replace(
                "primary_key", "  upgrades: [{from: 1, rename: {event_type: kind}}]\nprimary_key"));

    ok("rebuild", "events", "--from", "2020-12-01", "--to", "2020-12-01", "--env", "dev");

    assertThat(rows("SELECT id, kind FROM ${schema}.events")).isEqualTo("id,kind\n1,click\n");
  }

  @Test
  void validateRefusesARawRuleThatLeavesAColumnWithoutItsField() throws Exception {
    project(
        CSV_V2.replace(
            "- {from: 1, rename: {event_type: kind}}",
            "- {from: 1, rename: {event_type: kind}, raw: {rename: {event_type: type}}}"));

    CliRun validate = CliRun.of(ENV, "-C", dir.toString(), "validate");

    assertThat(validate.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(validate.out() + validate.err())
        .contains(
            "records of version 1 have field 'event_type' renamed to 'type' here, but column kind"
                + " reads 'event_type'");
  }

  @Test
  void aHeaderTypoFailsTheTransformInsteadOfLoadingNulls() throws Exception {
    project(CSV_V1);
    data("2020-12-01", "id, Event_type\n1,click\n");

    CliRun run = run("2020-12-01");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(run.err())
        .contains("column event_type reads field 'event_type' (did you mean ' Event_type'?)")
        .contains("the records have: id,  Event_type");
    assertThat(
            rows("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'events'"))
        .isEqualTo("n\n0\n");
  }

  @Test
  void anOptionalFieldMayBeMissing() throws Exception {
    project(
        CSV_V1.replace(
            "{from: event_type, type: string}",
            "{from: event_type, type: string, optional: true}"));
    data("2020-12-01", "id\n1\n");

    assertThat(run("2020-12-01").exitCode()).isZero();
    assertThat(rows("SELECT id, event_type FROM ${schema}.events"))
        .isEqualTo("id,event_type\n1,\n");
  }

  @ParameterizedTest(name = "file #{index}: 0 bytes, then header only")
  @ValueSource(strings = {"", "id,event_type\n"})
  void anEmptySourceFailsTheExtractAndNeverEmptiesAPartition(String content) throws Exception {
    project(
        CSV_V1
            .replace("mode: upsert", "mode: replace_partition")
            .replace("    id:", "    day: {from: logical_date, type: date}\n    id:"));
    data("2020-12-01", "id,event_type\n1,click\n");
    ok("run", "events", "--date", "2020-12-01", "--env", "dev");
    data("2020-12-01", content);

    CliRun rerun = run("2020-12-01", "--re-extract");

    assertThat(rerun.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(rerun.err()).contains("the source returned no records", "allow_empty: true");
    assertThat(rows("SELECT id FROM ${schema}.events")).isEqualTo("id\n1\n");
  }

  @Test
  void anEmptyDayIsASuccessWhereTheSourceAllowsIt() throws Exception {
    project(CSV_V1.replace("format: csv}", "format: csv, allow_empty: true}"));
    data("2020-12-01", "id,event_type\n");

    CliRun run = run("2020-12-01");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("0 staged, 0 written");
  }

  @Test
  void diffTellsTheTruthForAppend() throws Exception {
    project(CSV_V1.replace("mode: upsert", "mode: append"));
    data("2020-12-01", "id,event_type\n1,click\n2,view\n");
    ok("run", "events", "--date", "2020-12-01", "--env", "dev");

    CliRun same =
        CliRun.of(
            ENV, "-C", dir.toString(), "diff", "events", "--date", "2020-12-01", "--env", "dev");
    ok("run", "events", "--date", "2020-12-01", "--env", "dev", "--force");

    assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
    assertThat(same.out()).contains("0 added");
    assertThat(rows("SELECT count(*) AS n FROM ${schema}.events")).isEqualTo("n\n2\n");
  }

  private void project(String pipeline) throws IOException {
    Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(dir.resolve("environments"));
    Files.createDirectories(dir.resolve("data"));
    spec(pipeline);
    Files.writeString(
        dir.resolve("environments/dev.yaml"),
        """
        warehouse: {type: duckdb, path: .etlx/dev.duckdb}
        schema: "${USER}_dev"
        raw_store: {type: file, path: .etlx/raw}
        state: {type: file, path: .etlx/state}
        """);
  }

  private void spec(String yaml) throws IOException {
    Files.writeString(dir.resolve("pipelines/events.yaml"), yaml);
  }

  private void data(String date, String csv) throws IOException {
    Files.writeString(dir.resolve("data/" + date + ".csv"), csv);
  }

  private CliRun run(String date, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("-C", dir.toString(), "run", "events", "--date", date, "--env", "dev"));
    args.addAll(List.of(more));
    return CliRun.of(ENV, args.toArray(String[]::new));
  }

  private String ok(String... args) {
    List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
    all.addAll(List.of(args));
    CliRun run = CliRun.of(ENV, all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return run.out();
  }

  private String rows(String sql) {
    return ok("query", "--env", "dev", sql);
  }
}
