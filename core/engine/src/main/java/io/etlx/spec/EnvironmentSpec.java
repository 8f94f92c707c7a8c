package io.etlx.spec;

import java.util.Map;

/**
 * An environment overlay: where data goes (warehouse and target schema), where raw data and run
 * state are kept, where temporary files go ({@code workDir}, a template), and the overlay variables
 * pipelines reference as {@code ${env.NAME}}.
 */
public record EnvironmentSpec(
    String name,
    String file,
    PluginSpec warehouse,
    String schema,
    PluginSpec rawStore,
    PluginSpec state,
    String workDir,
    Map<String, String> vars) {
  public EnvironmentSpec {
    vars = Map.copyOf(vars);
  }
}
