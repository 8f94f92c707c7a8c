package io.etlx.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Converts a {@link YamlNode} tree to Jackson (for JSON Schema) and finds nodes by JSON path. */
public final class JsonBridge {
  private static final JsonNodeFactory JSON = JsonNodeFactory.withExactBigDecimals(true);

  private JsonBridge() {}

  public static JsonNode toJson(YamlNode node) {
    if (node instanceof YamlMap map) {
      ObjectNode object = JSON.objectNode();
      map.entries().forEach((key, value) -> object.set(key, toJson(value)));
      return object;
    }
    if (node instanceof YamlList list) {
      ArrayNode array = JSON.arrayNode();
      list.items().forEach(item -> array.add(toJson(item)));
      return array;
    }
    Object value = ((YamlScalar) node).value();
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof BigInteger i) {
      return i.bitLength() < 63 ? JSON.numberNode(i.longValue()) : JSON.numberNode(i);
    }
    if (value instanceof BigDecimal d) {
      return JSON.numberNode(d);
    }
    return JSON.textNode((String) value);
  }

  /**
   * The deepest node on {@code path} (segments are map keys as String or list indexes as Integer).
   * When the path leaves the tree, the last node reached is returned.
   */
  public static YamlNode find(YamlNode root, List<Object> path) {
    YamlNode current = root;
    for (Object segment : path) {
      YamlNode next = null;
      if (current instanceof YamlMap map && segment instanceof String key) {
        next = map.get(key);
      } else if (current instanceof YamlList list && segment instanceof Integer index) {
        next = index < list.items().size() ? list.items().get(index) : null;
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
    return current;
  }
}
