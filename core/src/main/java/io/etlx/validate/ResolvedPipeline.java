package io.etlx.validate;

import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.PipelineSpec;

/** A validated pipeline bound to the environment it runs in. */
public record ResolvedPipeline(PipelineSpec pipeline, EnvironmentSpec environment) {}
