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
    ObjectNode load = JsonNodeFactory.instance.objectNode();
    load.set("transform", JsonBridge.toJson(tree.get("transform")));
    // a column's checks decide what is loaded, not how rows are made: they are the load's input
    ObjectNode transform = load.deepCopy();
    for (JsonNode column : transform.get("transform").path("columns")) {
      if (column instanceof ObjectNode object) {
        object.remove("checks");
      }
    }
    if (tree.has("checks")) {
      load.set("checks", JsonBridge.toJson(tree.get("checks")));
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
