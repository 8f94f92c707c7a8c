package io.etlx.spec;

import java.time.ZoneId;
import java.util.List;

/**
 * A validated pipeline as it runs in one environment (the overlay's overrides already applied).
 * Only validated specs are built, so nothing downstream re-checks them.
 */
public record PipelineSpec(
    String name,
    String description,
    String file,
    ZoneId timezone,
    PluginSpec source,
    TransformSpec transform,
    List<String> primaryKey,
    SinkSpec sink,
    List<NotifierSpec> notifiers) {
  public PipelineSpec {
    primaryKey = List.copyOf(primaryKey);
    notifiers = List.copyOf(notifiers);
  }
}
