package io.etlx.spec;

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
 * schema. Option values are unresolved templates; plug-ins resolve them for a run.
 */
public record PluginSpec(String type, YamlMap options) {

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
      map.entries().forEach((k, v) -> out.put(k, v instanceof YamlScalar s ? s.text() : v.toString()));
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
