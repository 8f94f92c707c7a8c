package io.etlx.validate;

import io.etlx.yaml.Problem;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The outcome of {@code etlx validate}: every problem, and per file the process environment
 * variables it needs (without a default) so CI can list the secrets a deployment must provide.
 */
public record ValidationReport(
    List<Problem> problems,
    Map<String, SortedSet<String>> requiredEnv,
    List<String> pipelines,
    List<String> environments) {
  public ValidationReport {
    problems = List.copyOf(problems);
    requiredEnv =
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(requiredEnv)); // stable order
    pipelines = List.copyOf(pipelines);
    environments = List.copyOf(environments);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
