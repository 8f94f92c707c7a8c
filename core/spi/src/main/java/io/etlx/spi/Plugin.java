package io.etlx.spi;

import java.util.List;

/**
 * A plug-in, found by {@link PluginRegistry} through {@link java.util.ServiceLoader} and selected
 * by the {@code type:} string of its kind.
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

  /**
   * Checks beyond the schema; each message starts with the option it is about (e.g. {@code
   * "records: …"} or {@code "staging.bucket …"}), so {@code validate} can point at its line. Most
   * plug-ins need none. Options marked {@code "writeOnly": true} in the schema are secrets: etlx
   * itself refuses a literal value for them, so a plug-in need not check that.
   */
  default List<String> check(PluginOptions options) {
    return List.of();
  }
}
