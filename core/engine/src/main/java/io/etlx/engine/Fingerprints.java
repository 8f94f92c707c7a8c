package io.etlx.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.raw.Checksum;
import io.etlx.spec.EnvironmentSpec;
import io.etlx.yaml.JsonBridge;
import io.etlx.yaml.YamlMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hashes of the parts of a resolved spec each stage depends on. Templates are hashed unresolved, so
 * secrets never enter a fingerprint; a change to them makes a succeeded stage stale.
 */
record Fingerprints(String transform, String load) {
  static Fingerprints of(YamlMap tree, EnvironmentSpec env) {
    ObjectNode transform = JsonNodeFactory.instance.objectNode();
    transform.set("transform", JsonBridge.toJson(tree.get("transform")));
    ObjectNode load = transform.deepCopy();
    // Data checks make no rows, and only quarantine changes which rows a load writes: a changed
    // error or warn check guards the loads to come and makes no succeeded stage stale (an append
    // would even refuse the rerun); a changed quarantine check reruns the load.
    for (JsonNode column : transform.get("transform").path("columns")) {
      if (column instanceof ObjectNode object) {
        object.remove("checks");
      }
    }
    for (JsonNode column : load.get("transform").path("columns")) {
      if (column instanceof ObjectNode object && object.has("checks")) {
        ObjectNode quarantined = quarantined(object.get("checks"));
        if (quarantined.isEmpty()) {
          object.remove("checks");
        } else {
          object.set("checks", quarantined);
        }
      }
    }
    if (tree.has("primary_key")) {
      load.set("primary_key", JsonBridge.toJson(tree.get("primary_key")));
    }
    load.set("sink", JsonBridge.toJson(tree.get("sink")));
    load.put("warehouse", env.warehouse().type());
    load.set(
        "warehouse_options",
        JsonBridge.toJson(env.warehouse().options())); // templates: no secret values
    load.put("schema", env.schema());
    return new Fingerprints(hash(transform), hash(load));
  }

  /**
   * The checks of a column's {@code checks:} map whose severity is quarantine: their own (long
   * form) or the map's default.
   */
  private static ObjectNode quarantined(JsonNode checks) {
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    String fallback = checks.path("severity").asText("error");
    checks
        .fields()
        .forEachRemaining(
            check -> {
              JsonNode value = check.getValue();
              String severity =
                  value.isObject() ? value.path("severity").asText(fallback) : fallback;
              if (!check.getKey().equals("severity") && severity.equals("quarantine")) {
                kept.set(check.getKey(), value);
              }
            });
    return kept;
  }

  private static String hash(JsonNode node) {
    Checksum checksum = new Checksum();
    checksum.update(canonical(node).toString().getBytes(StandardCharsets.UTF_8));
    return checksum.hex();
  }

  /** The same tree with object keys sorted, so key order in YAML does not change a fingerprint. */
  private static JsonNode canonical(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      names.forEach(name -> sorted.set(name, canonical(node.get(name))));
      return sorted;
    }
    if (node.isArray()) {
      var array = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> array.add(canonical(item)));
      return array;
    }
    return node;
  }
}
