package io.etlx.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A YAML mapping with string keys, in file order. Key origins point at the keys themselves. */
public final class YamlMap implements YamlNode {
  private final Origin origin;
  private final Map<String, YamlNode> values;
  private final Map<String, Origin> keyOrigins;

  public YamlMap(Origin origin, Map<String, YamlNode> values, Map<String, Origin> keyOrigins) {
    this.origin = origin;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.keyOrigins = Collections.unmodifiableMap(new LinkedHashMap<>(keyOrigins));
  }

  public static YamlMap empty(Origin origin) {
    return new YamlMap(origin, Map.of(), Map.of());
  }

  @Override
  public Origin origin() {
    return origin;
  }

  @Override
  public String describe() {
    return "a map";
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public Map<String, YamlNode> entries() {
    return values;
  }

  public YamlNode get(String key) {
    return values.get(key);
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The origin of the key itself (for "unknown key" errors); the map's origin if absent. */
  public Origin keyOrigin(String key) {
    Origin keyOrigin = keyOrigins.get(key);
    return keyOrigin != null ? keyOrigin : origin.child(key);
  }

  public YamlMap map(String key) {
    return values.get(key) instanceof YamlMap m ? m : null;
  }

  public YamlList list(String key) {
    return values.get(key) instanceof YamlList l ? l : null;
  }

  public YamlScalar scalar(String key) {
    return values.get(key) instanceof YamlScalar s ? s : null;
  }

  /** The text of a scalar entry, or {@code fallback} when the key is absent or null. */
  public String text(String key, String fallback) {
    YamlScalar scalar = scalar(key);
    return scalar == null || scalar.isNull() ? fallback : scalar.text();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
