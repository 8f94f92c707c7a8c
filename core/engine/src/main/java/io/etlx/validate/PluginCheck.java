package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.Plugin;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.yaml.Origin;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a {@code type:} to a registered plug-in and checks its options against the plug-in's
 * schema.
 */
final class PluginCheck {
  private final PluginRegistry registry;
  private final Problems problems;

  PluginCheck(PluginRegistry registry, Problems problems) {
    this.registry = registry;
    this.problems = problems;
  }

  /**
   * The plug-in spec of a schema-valid map, or null when its type is unknown. {@code frameworkKeys}
   * are keys etlx itself reads (besides {@code type}), which the plug-in's options do not include.
   */
  PluginSpec check(PluginKind kind, YamlMap node, Set<String> frameworkKeys) {
    String type = node.scalar("type").text();
    Plugin plugin = registry.find(kind, type);
    if (plugin == null) {
      Origin at = node.get("type").origin();
      problems.add(
          ErrorCode.UNKNOWN_PLUGIN,
          at,
          "unknown "
              + kind.yamlName()
              + " type '"
              + type
              + "'"
              + Suggest.knownList(type, registry.types(kind)));
      return null;
    }
    YamlMap options = without(node, frameworkKeys);
    int before = problems.size();
    problems.addAll(SchemaCheck.resource(plugin.getClass(), plugin.optionsSchema()).check(options));
    // in the same pass: a literal secret is reported even when the block has another mistake
    SecretOptions.check(plugin.getClass(), plugin.optionsSchema(), options, problems);
    if (problems.size() > before) {
      return null;
    }
    PluginSpec spec = new PluginSpec(type, options);
    for (String message : plugin.check(spec.plain())) {
      report(node, message);
    }
    return spec;
  }

  /**
   * Anchors a plug-in's message at the option it names first ({@code "password must …"}, {@code
   * "records: …"}, {@code "staging.secret_access_key must …"}), or at the plug-in's map.
   */
  private void report(YamlMap node, String message) {
    int end = 0;
    while (end < message.length() && message.charAt(end) != ' ' && message.charAt(end) != ':') {
      end++;
    }
    YamlNode option = node;
    for (String key : message.substring(0, end).split("\\.")) {
      option = option instanceof YamlMap map ? map.get(key) : null;
    }
    if (option == null || end == 0) {
      problems.add(ErrorCode.INVALID_VALUE, node.origin(), message);
      return;
    }
    String rest = message.startsWith(":", end) ? message.substring(end + 1).trim() : message;
    problems.add(ErrorCode.INVALID_VALUE, option.origin(), rest);
  }

  private static YamlMap without(YamlMap node, Set<String> frameworkKeys) {
    Map<String, YamlNode> values = new LinkedHashMap<>();
    Map<String, Origin> keyOrigins = new LinkedHashMap<>();
    node.entries()
        .forEach(
            (key, value) -> {
              if (!key.equals("type") && !frameworkKeys.contains(key)) {
                values.put(key, value);
                keyOrigins.put(key, node.keyOrigin(key));
              }
            });
    return new YamlMap(node.origin(), values, keyOrigins);
  }
}
