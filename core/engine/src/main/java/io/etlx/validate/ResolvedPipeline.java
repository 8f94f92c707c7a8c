package io.etlx.validate;

import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.yaml.YamlMap;

/**
 * A validated pipeline bound to the environment it runs in; {@code tree} is its YAML after the
 * overlay's overrides, from which spec fingerprints are computed.
 */
public record ResolvedPipeline(PipelineSpec pipeline, EnvironmentSpec environment, YamlMap tree) {}
