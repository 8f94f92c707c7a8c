package io.etlx.spec;

import java.util.Map;

/**
 * An environment overlay: where data goes (warehouse and target schema), where raw data and run
 * state are kept, where temporary files go ({@code workDir}, a template), the overlay variables
 * pipelines reference as {@code ${env.NAME}}, and where lineage events go ({@code lineage}, null
 * for none).
 */
public record EnvironmentSpec(
    String name,
    String file,
    PluginSpec warehouse,
    String schema,
    PluginSpec rawStore,
    PluginSpec state,
    String workDir,
    Map<String, String> vars,
    LineageSpec lineage) {
  public EnvironmentSpec {
    vars = Map.copyOf(vars);
  }

  /** An environment without lineage. */
  public EnvironmentSpec(
      String name,
      String file,
      PluginSpec warehouse,
      String schema,
      PluginSpec rawStore,
      PluginSpec state,
      String workDir,
      Map<String, String> vars) {
    this(name, file, warehouse, schema, rawStore, state, workDir, vars, null);
  }
}
