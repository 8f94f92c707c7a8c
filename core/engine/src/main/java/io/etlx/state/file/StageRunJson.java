package io.etlx.state.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.spi.CheckResult;
import io.etlx.spi.DataCheck;
import io.etlx.state.RunKey;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageKey;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One stage execution as JSON: how state stores keep it and how {@code status --format json} prints
 * it.
 */
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
    node.set("context", context(run.context()));
    return node;
  }

  /**
   * @throws IOException when the text is not a complete stage execution (empty, torn, edited)
   */
  public static StageRun read(String line) throws IOException {
    JsonNode node = JSON.readTree(line);
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object");
    }
    for (String field :
        List.of("pipeline", "environment", "date", "stage", "status", "attempt", "started_at")) {
      if (!node.hasNonNull(field)) {
        throw new IOException("no '" + field + "'");
      }
    }
    try {
      return readChecked(node);
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static StageRun readChecked(JsonNode node) {
    RunKey run =
        new RunKey(
            text(node, "pipeline"), text(node, "environment"), LocalDate.parse(text(node, "date")));
    return new StageRun(
        new StageKey(run, Stage.fromName(text(node, "stage"))),
        StageStatus.valueOf(text(node, "status")),
        node.get("attempt").asInt(),
        Instant.parse(text(node, "started_at")),
        text(node, "ended_at") == null ? null : Instant.parse(text(node, "ended_at")),
        node.path("rows").asLong(),
        text(node, "spec_fingerprint"),
        node.path("schema_version").asInt(),
        text(node, "input_checksum"),
        text(node, "output_checksum"),
        text(node, "error"),
        context(node.get("context")));
  }

  /**
   * The context as a JSON object (only the parts that are set); what the PostgreSQL store keeps
   * too.
   */
  public static ObjectNode context(StageContext context) {
    ObjectNode node = JSON.createObjectNode();
    if (context.loadId() != null) {
      node.put("load_id", context.loadId());
    }
    if (!context.sent().isEmpty()) {
      context.sent().forEach(node.putArray("sent")::add);
    }
    if (!context.checks().isEmpty()) {
      ArrayNode checks = node.putArray("checks");
      context.checks().forEach(check -> checks.add(check(check)));
    }
    return node;
  }

  /** One data check's outcome, as status --format json shows it. */
  public static ObjectNode check(CheckResult check) {
    ObjectNode node = JSON.createObjectNode();
    node.put("check", check.check());
    node.put("column", check.column());
    node.put("severity", check.severity().yamlName());
    node.put("passed", check.passed());
    node.put("failing_rows", check.failingRows());
    check.samples().forEach(node.putArray("samples")::add);
    node.put("detail", check.detail());
    return node;
  }

  public static StageContext context(JsonNode node) {
    if (node == null || !node.isObject()) {
      return StageContext.EMPTY;
    }
    List<Integer> sent = new ArrayList<>();
    if (node.get("sent") != null) {
      node.get("sent").forEach(index -> sent.add(index.asInt()));
    }
    List<CheckResult> checks = new ArrayList<>();
    for (JsonNode check : node.path("checks")) {
      checks.add(check(check));
    }
    return new StageContext(text(node, "load_id"), new TreeSet<>(sent), checks);
  }

  private static CheckResult check(JsonNode node) {
    List<String> samples = new ArrayList<>();
    node.path("samples").forEach(sample -> samples.add(sample.asText()));
    return new CheckResult(
        text(node, "check"),
        text(node, "column"),
        DataCheck.Severity.fromYaml(text(node, "severity")),
        node.path("passed").asBoolean(),
        node.path("failing_rows").asLong(),
        samples,
        text(node, "detail"));
  }

  public static String contextText(StageContext context) {
    return context(context).toString();
  }

  public static StageContext contextOf(String text) throws IOException {
    return text == null ? StageContext.EMPTY : context(JSON.readTree(text));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
