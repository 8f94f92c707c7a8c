package io.etlx.state.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.spi.CheckResult;
import io.etlx.spi.DataCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * A load's data check outcomes as the JSON text of the {@code checks} column, in the fields the
 * file store and {@code status --format json} use.
 */
final class ChecksJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChecksJson() {}

  /** The JSON array, or null when there is none (a stage without checks). */
  static String write(List<CheckResult> checks) {
    if (checks.isEmpty()) {
      return null;
    }
    ArrayNode array = JSON.createArrayNode();
    for (CheckResult check : checks) {
      ObjectNode node = array.addObject();
      node.put("check", check.check());
      node.put("column", check.column());
      node.put("severity", check.severity().yamlName());
      node.put("passed", check.passed());
      node.put("failing_rows", check.failingRows());
      check.samples().forEach(node.putArray("samples")::add);
      node.put("detail", check.detail());
    }
    return array.toString();
  }

  static List<CheckResult> read(String text) throws JsonProcessingException {
    List<CheckResult> checks = new ArrayList<>();
    if (text == null) {
      return checks;
    }
    for (JsonNode node : JSON.readTree(text)) {
      List<String> samples = new ArrayList<>();
      node.path("samples").forEach(sample -> samples.add(sample.asText()));
      checks.add(
          new CheckResult(
              text(node, "check"),
              text(node, "column"),
              DataCheck.Severity.fromYaml(text(node, "severity")),
              node.path("passed").asBoolean(),
              node.path("failing_rows").asLong(),
              samples,
              text(node, "detail")));
    }
    return checks;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
