package io.etlx.overlay;

import io.etlx.yaml.Origin;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies an environment's per-pipeline overrides to a pipeline tree. A pure function with three
 * rules: maps merge key by key (recursively), anything else — lists and scalars — is replaced whole
 * by the overlay's value, and an explicit {@code null} in the overlay removes the key. Every node
 * keeps the origin of the file it came from, so errors point at the overlay when the overlay wrote
 * the value.
 */
public final class OverlayMerge {
  private OverlayMerge() {}

  public static YamlNode merge(YamlNode base, YamlNode overlay) {
    if (overlay == null) {
      return base;
    }
    if (base instanceof YamlMap baseMap && overlay instanceof YamlMap overlayMap) {
      return mergeMaps(baseMap, overlayMap);
    }
    return overlay;
  }

  private static YamlMap mergeMaps(YamlMap base, YamlMap overlay) {
    Map<String, YamlNode> values = new LinkedHashMap<>(base.entries());
    Map<String, Origin> keyOrigins = new LinkedHashMap<>();
    base.keys().forEach(key -> keyOrigins.put(key, base.keyOrigin(key)));
    overlay
        .entries()
        .forEach(
            (key, value) -> {
              if (value instanceof YamlScalar scalar && scalar.isNull()) {
                values.remove(key);
                keyOrigins.remove(key);
                return;
              }
              YamlNode merged = base.has(key) ? merge(base.get(key), value) : value;
              values.put(key, merged);
              if (!base.has(key)) {
                keyOrigins.put(key, overlay.keyOrigin(key));
              }
            });
    return new YamlMap(base.origin(), values, keyOrigins);
  }
}
