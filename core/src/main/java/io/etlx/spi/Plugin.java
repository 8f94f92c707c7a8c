package io.etlx.spi;

import io.etlx.spec.PluginSpec;
import java.util.List;

/**
 * A plug-in, found by {@link PluginRegistry} through {@link java.util.ServiceLoader} and selected by
 * the {@code type:} string of its kind.
 */
public interface Plugin {
  PluginKind kind();

  /** The {@code type:} value that selects this plug-in, e.g. {@code http}. */
  String type();

  /**
   * Classpath resource of the JSON Schema (draft 2020-12) for this plug-in's options — the YAML map
   * without {@code type} (and, for notifiers, without {@code on}).
   */
  String optionsSchema();

  /** Checks beyond the schema; messages name the option. Most plug-ins need none. */
  default List<String> check(PluginSpec spec) {
    return List.of();
  }
}
