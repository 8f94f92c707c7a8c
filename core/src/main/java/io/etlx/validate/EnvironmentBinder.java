package io.etlx.validate;

import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Binds a schema-valid environment overlay to an {@link EnvironmentSpec}. */
final class EnvironmentBinder {
  private final Problems problems;
  private final PluginCheck plugins;

  EnvironmentBinder(PluginRegistry registry, Problems problems) {
    this.problems = problems;
    this.plugins = new PluginCheck(registry, problems);
  }

  /** The spec, or null when a problem was found. */
  EnvironmentSpec bind(YamlMap root, String name) {
    int before = problems.size();
    PluginSpec warehouse = plugins.check(PluginKind.WAREHOUSE, root.map("warehouse"), Set.of());
    PluginSpec rawStore = plugins.check(PluginKind.RAW_STORE, root.map("raw_store"), Set.of());
    PluginSpec state = plugins.check(PluginKind.STATE, root.map("state"), Set.of());
    Map<String, String> vars = new LinkedHashMap<>();
    YamlMap varsNode = root.map("vars");
    if (varsNode != null) {
      varsNode.entries().forEach((key, value) -> vars.put(key, ((YamlScalar) value).text()));
    }
    if (problems.size() > before) {
      return null;
    }
    return new EnvironmentSpec(
        name, root.origin().file(), warehouse, root.scalar("schema").text(), rawStore, state, vars);
  }
}
