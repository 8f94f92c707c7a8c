package io.etlx.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.yaml.JsonBridge;
import io.etlx.yaml.Origin;
import io.etlx.yaml.Problem;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a YAML tree against a JSON Schema (draft 2020-12) and turns each violation into a
 * {@link Problem} at the offending node, in plain words: unknown keys with a suggestion, missing
 * keys, wrong types, values outside a closed list.
 */
public final class SchemaCheck {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private final Schema schema;

  private SchemaCheck(Schema schema) {
    this.schema = schema;
  }

  /**
   * The schema at a classpath resource (absolute name, e.g. {@code
   * /io/etlx/schema/pipeline.schema.json}).
   */
  public static SchemaCheck resource(Class<?> owner, String resource) {
    return new SchemaCheck(CACHE.computeIfAbsent(resource, r -> load(owner, r)));
  }

  public static String text(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new EtlxException(ErrorCode.INTERNAL, "missing schema resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EtlxException(ErrorCode.INTERNAL, "cannot read schema resource " + resource, e);
    }
  }

  private static Schema load(Class<?> owner, String resource) {
    return REGISTRY.getSchema(text(owner, resource), InputFormat.JSON);
  }

  /** Problems of {@code root} (a whole file tree or a plug-in's options map). */
  public List<Problem> check(YamlNode root) {
    return check(root, new BrokenPaths());
  }

  /**
   * Problems of {@code root}; {@code broken} receives where they are, so later checks can skip
   * those nodes instead of reporting follow-on errors.
   */
  List<Problem> check(YamlNode root, BrokenPaths broken) {
    JsonNode json = JsonBridge.toJson(root);
    List<Problem> problems = new ArrayList<>();
    for (Error error : schema.validate(json)) {
      StringBuilder path = new StringBuilder();
      segments(error.getInstanceLocation()).forEach(segment -> path.append('/').append(segment));
      if (error.getProperty() != null) {
        path.append('/').append(error.getProperty());
      }
      broken.add(path.toString());
      problems.add(translate(root, error));
    }
    return problems;
  }

  private Problem translate(YamlNode root, Error error) {
    List<Object> segments = segments(error.getInstanceLocation());
    YamlNode node = JsonBridge.find(root, segments);
    Origin at = node.origin();
    String keyword = error.getKeyword();
    Problem split = split(root, segments, error);
    if (split != null) {
      return split;
    }
    switch (keyword) {
      case "required" -> {
        String key = error.getProperty();
        return new Problem(ErrorCode.MISSING_KEY, at, at.childPath(key), "required key is missing");
      }
      case "additionalProperties" -> {
        String key = error.getProperty();
        YamlMap map = (YamlMap) node;
        String hint = Suggest.didYouMean(key, allowedKeys(error));
        return new Problem(
            ErrorCode.UNKNOWN_KEY,
            map.keyOrigin(key),
            map.keyOrigin(key).path(),
            "unknown key '" + key + "'" + hint);
      }
      case "type" -> {
        return Problem.at(
            ErrorCode.WRONG_TYPE,
            at,
            "expected " + expectedType(error.getSchemaNode()) + ", got " + node.describe());
      }
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        error.getSchemaNode().forEach(v -> allowed.add(v.asText()));
        String value = error.getInstanceNode().asText();
        return Problem.at(
            ErrorCode.INVALID_VALUE,
            at,
            "'" + value + "' is not allowed" + Suggest.knownList(value, allowed));
      }
      case "pattern" -> {
        String value = error.getInstanceNode().asText();
        return Problem.at(
            ErrorCode.INVALID_VALUE,
            at,
            "'" + value + "' " + patternHint(error.getSchemaNode().asText()));
      }
      case "maximum" -> {
        return Problem.at(
            ErrorCode.INVALID_VALUE, at, "must be at most " + error.getSchemaNode().asText());
      }
      case "minItems" -> {
        String least = error.getSchemaNode().asText();
        return Problem.at(
            ErrorCode.INVALID_VALUE,
            at,
            least.equals("1") ? "must not be empty" : "needs at least " + least + " items");
      }
      case "minimum" -> {
        return Problem.at(
            ErrorCode.INVALID_VALUE, at, "must be at least " + error.getSchemaNode().asText());
      }
      case "propertyNames" -> {
        String key = error.getProperty();
        Origin keyAt = ((YamlMap) node).keyOrigin(key);
        String pattern = resolve(error.getSchemaNode()).path("pattern").asText();
        return Problem.at(ErrorCode.INVALID_VALUE, keyAt, "'" + key + "' " + patternHint(pattern));
      }
      default -> {
        return Problem.at(ErrorCode.INVALID_VALUE, at, plain(error.getMessage()));
      }
    }
  }

  /**
   * A key without a value that is the tail of a value split at its comma ({@link SplitValue}):
   * unknown where the map's keys are fixed, of the wrong type where they are free.
   */
  private static Problem split(YamlNode root, List<Object> segments, Error error) {
    if (error.getKeyword().equals("additionalProperties")) {
      return SplitValue.of(JsonBridge.find(root, segments), error.getProperty());
    }
    if (error.getKeyword().equals("type")
        && !segments.isEmpty()
        && segments.get(segments.size() - 1) instanceof String key) {
      return SplitValue.of(JsonBridge.find(root, segments.subList(0, segments.size() - 1)), key);
    }
    return null;
  }

  private static String patternHint(String pattern) {
    if (pattern.equals("^[a-z][a-z0-9_]*$")) {
      return "is not a valid name: use lower-case letters, digits and '_', starting with a letter";
    }
    if (pattern.startsWith("^[A-Za-z_]")) {
      return "is not a valid identifier: use letters, digits and '_', not starting with a digit";
    }
    return "does not match " + pattern;
  }

  /** Follows a local {@code $ref} ({@code #/$defs/x}) to the schema it names. */
  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    if (!ref.startsWith("#/")) {
      return node;
    }
    return schema.getSchemaNode().at(ref.substring(1));
  }

  /** The keys the schema object around a failed {@code additionalProperties} allows. */
  private List<String> allowedKeys(Error error) {
    NodePath fragment = error.getSchemaLocation().getFragment();
    JsonNode node = schema.getSchemaNode();
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
    }
    List<String> keys = new ArrayList<>();
    node.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static String expectedType(JsonNode typeNode) {
    if (typeNode.isArray()) {
      List<String> names = new ArrayList<>();
      typeNode.forEach(t -> names.add(article(t.asText())));
      return String.join(" or ", names);
    }
    return article(typeNode.asText());
  }

  private static String article(String jsonType) {
    return switch (jsonType) {
      case "object" -> "a map";
      case "array" -> "a list";
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "a boolean (true/false)";
      default -> jsonType;
    };
  }

  private static String plain(String message) {
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
  }

  private static List<Object> segments(NodePath path) {
    List<Object> segments = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      segments.add(path.getElement(i));
    }
    return segments;
  }
}
