package io.etlx.spec;

import io.etlx.spi.PluginOptions;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plug-in reference: its {@code type} and its options, already checked against the plug-in's own
 * schema, with their places in the YAML. Plug-ins see {@link #plain()}: the same options as plain
 * values.
 */
public record PluginSpec(String type, YamlMap options) {

  /** The options as the plug-in sees them: plain values, no YAML model. */
  public PluginOptions plain() {
    return plain(type, options);
  }

  private static PluginOptions plain(String type, YamlMap map) {
    Map<String, Object> values = new LinkedHashMap<>();
    map.entries().forEach((key, node) -> values.put(key, plain(node)));
    return new PluginOptions(type, values);
  }

  private static Object plain(YamlNode node) {
    if (node instanceof YamlMap map) {
      return plain(null, map);
    }
    if (node instanceof YamlList list) {
      List<Object> items = new ArrayList<>();
      list.items().forEach(item -> items.add(plain(item)));
      return items;
    }
    YamlScalar scalar = (YamlScalar) node;
    return scalar.value() == null || scalar.value() instanceof Boolean
        ? scalar.value()
        : scalar.text();
  }

  public boolean has(String key) {
    YamlNode node = options.get(key);
    return node != null && !(node instanceof YamlScalar s && s.isNull());
  }

  public String string(String key, String fallback) {
    return options.text(key, fallback);
  }

  public long integer(String key, long fallback) {
    YamlScalar scalar = options.scalar(key);
    return scalar == null || scalar.isNull() ? fallback : Long.parseLong(scalar.text());
  }

  public boolean bool(String key, boolean fallback) {
    YamlScalar scalar = options.scalar(key);
    return scalar == null || !(scalar.value() instanceof Boolean b) ? fallback : b;
  }

  /** A map of string values (e.g. HTTP headers), in file order; empty when absent. */
  public Map<String, String> strings(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    YamlMap map = options.map(key);
    if (map != null) {
      map.entries()
          .forEach((k, v) -> out.put(k, v instanceof YamlScalar s ? s.text() : v.toString()));
    }
    return out;
  }

  /** A list of string values; empty when absent. */
  public List<String> list(String key) {
    List<String> out = new ArrayList<>();
    YamlList list = options.list(key);
    if (list != null) {
      list.items().forEach(item -> out.add(((YamlScalar) item).text()));
    }
    return out;
  }
}
