package io.etlx.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plug-in's options as written (without {@code type}), already checked against the plug-in's
 * options schema, as plain values: a scalar is its text as written ({@link Boolean} for booleans,
 * null for null), a list is a {@link List}, a map is nested options. Values are unresolved
 * templates; resolve them with {@link PluginContext#templates()} when they are used.
 */
public final class PluginOptions {
  private final String type;
  private final Map<String, Object> values;

  /**
   * @param values option name → String, Boolean, null, {@code List} of those, or nested {@code
   *     PluginOptions}, in the order written
   */
  public PluginOptions(String type, Map<String, ?> values) {
    this.type = type;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The {@code type:} that selected the plug-in (null for nested options). */
  public String type() {
    return type;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** Whether the option is set to something other than null. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  public String string(String key, String fallback) {
    Object value = values.get(key);
    return value == null ? fallback : value.toString();
  }

  public long integer(String key, long fallback) {
    Object value = values.get(key);
    return value == null ? fallback : Long.parseLong(value.toString());
  }

  public boolean bool(String key, boolean fallback) {
    return values.get(key) instanceof Boolean b ? b : fallback;
  }

  /** A map of string values (e.g. HTTP headers), in the order written; empty when absent. */
  public Map<String, String> strings(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values.get(key) instanceof PluginOptions map) {
      map.values.forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
    }
    return out;
  }

  /** Whether the option is a list. */
  public boolean isList(String key) {
    return values.get(key) instanceof List<?>;
  }

  /** A list of string values; empty when absent. */
  public List<String> list(String key) {
    List<String> out = new ArrayList<>();
    if (values.get(key) instanceof List<?> list) {
      list.forEach(item -> out.add(item == null ? null : item.toString()));
    }
    return out;
  }

  /** Nested options (e.g. Redshift's {@code staging:}); empty when absent. */
  public PluginOptions options(String key) {
    return values.get(key) instanceof PluginOptions map ? map : new PluginOptions(null, Map.of());
  }

  @Override
  public String toString() {
    return (type == null ? "" : "type " + type + " ") + values.keySet();
  }
}
