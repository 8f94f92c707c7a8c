package io.etlx.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;

/** One stage execution as JSON: how state stores keep it and how {@code status --format json} prints it. */
public final class StageRunJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StageRunJson() {}

  public static String write(StageRun run) {
    try {
      return JSON.writeValueAsString(toJson(run));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toJson(StageRun run) {
    ObjectNode node = JSON.createObjectNode();
    node.put("pipeline", run.key().run().pipeline());
    node.put("environment", run.key().run().environment());
    node.put("date", run.key().run().date().toString());
    node.put("stage", run.key().stage().yamlName());
    node.put("status", run.status().name());
    node.put("attempt", run.attempt());
    node.put("started_at", run.startedAt().toString());
    node.put("ended_at", run.endedAt() == null ? null : run.endedAt().toString());
    node.put("rows", run.rows());
    node.put("spec_fingerprint", run.specFingerprint());
    node.put("schema_version", run.schemaVersion());
    node.put("input_checksum", run.inputChecksum());
    node.put("output_checksum", run.outputChecksum());
    node.put("error", run.error());
    return node;
  }

  public static StageRun read(String line) throws IOException {
    JsonNode node = JSON.readTree(line);
    RunKey run = new RunKey(text(node, "pipeline"), text(node, "environment"), LocalDate.parse(text(node, "date")));
    return new StageRun(
        new StageKey(run, Stage.fromName(text(node, "stage"))),
        StageStatus.valueOf(text(node, "status")),
        node.get("attempt").asInt(),
        Instant.parse(text(node, "started_at")),
        text(node, "ended_at") == null ? null : Instant.parse(text(node, "ended_at")),
        node.get("rows").asLong(),
        text(node, "spec_fingerprint"),
        node.get("schema_version").asInt(),
        text(node, "input_checksum"),
        text(node, "output_checksum"),
        text(node, "error"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
