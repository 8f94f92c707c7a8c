package io.etlx.validate;

import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.LineageSpec;
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

  /**
   * The spec, or null when a problem was found; sections the schema check found broken are skipped.
   */
  EnvironmentSpec bind(YamlMap root, String name, BrokenPaths broken) {
    int before = problems.size();
    PluginSpec warehouse = plugin(PluginKind.WAREHOUSE, root, "warehouse", broken);
    PluginSpec rawStore = plugin(PluginKind.RAW_STORE, root, "raw_store", broken);
    PluginSpec state = plugin(PluginKind.STATE, root, "state", broken);
    LineageSpec lineage = LineageBinder.bind(root, name, broken, problems);
    Map<String, String> vars = new LinkedHashMap<>();
    YamlMap varsNode = root.map("vars");
    if (varsNode != null) {
      varsNode.entries().forEach((key, value) -> vars.put(key, ((YamlScalar) value).text()));
    }
    if (problems.size() > before || !broken.isEmpty()) {
      return null;
    }
    return new EnvironmentSpec(
        name,
        root.origin().file(),
        warehouse,
        root.scalar("schema").text(),
        rawStore,
        state,
        root.text("work_dir", ".etlx/work"),
        vars,
        lineage);
  }

  private PluginSpec plugin(PluginKind kind, YamlMap root, String key, BrokenPaths broken) {
    if (broken.at("/" + key) || broken.within("/" + key + "/type")) {
      return null;
    }
    return plugins.check(kind, root.map(key), Set.of());
  }
}
