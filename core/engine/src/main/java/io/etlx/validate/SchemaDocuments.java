package io.etlx.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.Plugin;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas that {@code etlx schema} prints for editors: the core schema with every
 * registered plug-in's options folded in (an {@code if type == X then options-of-X} per plug-in),
 * so one file checks a whole pipeline or environment.
 */
public final class SchemaDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaDocuments() {}

  public static String pipeline(PluginRegistry registry) {
    ObjectNode schema = load("/io/etlx/schema/pipeline.schema.json");
    ObjectNode properties = (ObjectNode) schema.get("properties");
    fold(
        registry,
        PluginKind.SOURCE,
        (ObjectNode) properties.get("source"),
        List.of(PipelineBinder.ALLOW_EMPTY));
    fold(
        registry,
        PluginKind.NOTIFIER,
        (ObjectNode) properties.get("notify").get("items"),
        List.of("on"));
    return print(schema);
  }

  public static String environment(PluginRegistry registry) {
    ObjectNode schema = load("/io/etlx/schema/environment.schema.json");
    ObjectNode properties = (ObjectNode) schema.get("properties");
    Map.of(
            "warehouse",
            PluginKind.WAREHOUSE,
            "raw_store",
            PluginKind.RAW_STORE,
            "state",
            PluginKind.STATE)
        .forEach((key, kind) -> fold(registry, kind, (ObjectNode) properties.get(key), List.of()));
    return print(schema);
  }

  private static void fold(
      PluginRegistry registry, PluginKind kind, ObjectNode target, List<String> frameworkKeys) {
    ObjectNode typeProperty = JSON.createObjectNode();
    ArrayNode types = typeProperty.putArray("enum");
    registry.types(kind).forEach(types::add);
    ArrayNode allOf = target.putArray("allOf");
    allOf.addObject().putObject("properties").set("type", typeProperty);
    for (String type : registry.types(kind)) {
      Plugin plugin = registry.find(kind, type);
      ObjectNode options =
          (ObjectNode) parse(SchemaCheck.text(plugin.getClass(), plugin.optionsSchema()));
      options.remove("$schema");
      ObjectNode props =
          options.has("properties")
              ? (ObjectNode) options.get("properties")
              : options.putObject("properties");
      props.putObject("type");
      frameworkKeys.forEach(props::putObject);
      ObjectNode rule = allOf.addObject();
      ObjectNode condition = rule.putObject("if");
      condition.putObject("properties").putObject("type").put("const", type);
      condition.putArray("required").add("type");
      rule.set("then", options);
    }
  }

  private static ObjectNode load(String resource) {
    return (ObjectNode) parse(SchemaCheck.text(SchemaDocuments.class, resource));
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new EtlxException(ErrorCode.INTERNAL, "bad schema resource: " + e.getMessage(), e);
    }
  }

  private static String print(JsonNode schema) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema);
    } catch (Exception e) {
      throw new EtlxException(ErrorCode.INTERNAL, "cannot print schema: " + e.getMessage(), e);
    }
  }
}
