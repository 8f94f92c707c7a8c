package io.etlx.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.Plugin;
import io.etlx.yaml.Problem;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one rule for secrets, for every plug-in: an option its schema marks {@code "writeOnly": true}
 * (the JSON Schema annotation for values that are set but never shown, e.g. passwords) must be a
 * reference to the environment, never the secret written in a file. The schema's first {@code
 * examples} entry is the variable suggested.
 */
public final class SecretOptions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, JsonNode> SCHEMAS = new ConcurrentHashMap<>();

  private SecretOptions() {}

  static void check(Class<?> owner, String schemaResource, YamlMap options, Problems problems) {
    check(owner, schemaResource, "", options, problems);
  }

  /**
   * The same for the options a part of a schema describes: {@code pointer} is where (e.g. {@code
   * /properties/lineage/properties/http}).
   */
  static void check(
      Class<?> owner, String schemaResource, String pointer, YamlMap options, Problems problems) {
    check(schema(owner, schemaResource).at(pointer), options, "", problems);
  }

  /** The messages for a plug-in's options (what {@code validate} reports, without the place). */
  public static List<String> check(Plugin plugin, YamlMap options) {
    Problems problems = new Problems();
    check(plugin.getClass(), plugin.optionsSchema(), options, problems);
    return problems.sorted().stream().map(Problem::message).toList();
  }

  /**
   * The options a plug-in's schema marks as secrets, as dotted paths (e.g. {@code
   * staging.secret_access_key}).
   */
  public static List<String> secretOptions(Plugin plugin) {
    List<String> secrets = new ArrayList<>();
    collect(schema(plugin.getClass(), plugin.optionsSchema()), "", secrets);
    return secrets;
  }

  private static void collect(JsonNode schema, String prefix, List<String> secrets) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              if (property.getValue().path("writeOnly").asBoolean(false)) {
                secrets.add(prefix + property.getKey());
              }
              collect(property.getValue(), prefix + property.getKey() + ".", secrets);
            });
  }

  private static JsonNode schema(Class<?> owner, String resource) {
    return SCHEMAS.computeIfAbsent(resource, r -> read(owner, r));
  }

  private static void check(JsonNode schema, YamlMap options, String prefix, Problems problems) {
    JsonNode properties = schema.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      YamlNode value = options.get(property.getKey());
      if (value instanceof YamlMap nested && property.getValue().has("patternProperties")) {
        secretNames(property.getValue(), nested, problems);
      } else if (value instanceof YamlMap nested) {
        check(property.getValue(), nested, prefix + property.getKey() + ".", problems);
      } else if (property.getValue().path("writeOnly").asBoolean(false)
          && value instanceof YamlScalar scalar
          && !scalar.isNull()
          && !scalar.text().contains("${")) {
        String example = property.getValue().path("examples").path(0).asText("${SECRET}");
        problems.add(
            ErrorCode.INVALID_VALUE,
            value.origin(),
            prefix
                + property.getKey()
                + " must come from the environment, e.g. "
                + property.getKey()
                + ": "
                + example
                + "; never write a secret in a file");
      }
    }
  }

  /**
   * A map whose keys are chosen by the user (HTTP headers, query parameters): an entry whose name
   * matches one of the schema's {@code patternProperties} marked {@code writeOnly} (e.g. {@code
   * Authorization}, {@code api_key}) must hold a reference to the environment.
   */
  private static void secretNames(JsonNode schema, YamlMap map, Problems problems) {
    List<java.util.regex.Pattern> secret = new ArrayList<>();
    schema
        .get("patternProperties")
        .fields()
        .forEachRemaining(
            p -> {
              if (p.getValue().path("writeOnly").asBoolean(false)) {
                secret.add(java.util.regex.Pattern.compile(p.getKey()));
              }
            });
    map.entries()
        .forEach(
            (key, value) -> {
              if (secret.stream().anyMatch(p -> p.matcher(key).find())
                  && value instanceof YamlScalar scalar
                  && !scalar.isNull()
                  && !scalar.text().contains("${")) {
                problems.add(
                    ErrorCode.INVALID_VALUE,
                    value.origin(),
                    "a value named like a secret must come from the environment, e.g. "
                        + key
                        + ": \"${"
                        + key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_")
                        + "}\"; never write a secret in a file");
              }
            });
  }

  private static JsonNode read(Class<?> owner, String resource) {
    try {
      return JSON.readTree(SchemaCheck.text(owner, resource));
    } catch (IOException e) {
      throw new EtlxException(ErrorCode.INTERNAL, "cannot read schema resource " + resource, e);
    }
  }
}
