package io.etlx.validate;

import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.yaml.YamlMap;
import java.util.List;

/**
 * A validated pipeline bound to the environment it runs in; {@code tree} is its YAML after the
 * overlay's overrides, from which spec fingerprints are computed. {@code upstreams} are the
 * pipelines of its {@code depends_on}, in the same environment (where their loads are looked up).
 */
public record ResolvedPipeline(
    PipelineSpec pipeline,
    EnvironmentSpec environment,
    YamlMap tree,
    List<PipelineSpec> upstreams) {
  public ResolvedPipeline {
    upstreams = List.copyOf(upstreams);
  }

  public ResolvedPipeline(PipelineSpec pipeline, EnvironmentSpec environment, YamlMap tree) {
    this(pipeline, environment, tree, List.of());
  }
}
