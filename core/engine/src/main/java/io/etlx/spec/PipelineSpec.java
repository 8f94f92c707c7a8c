package io.etlx.spec;

import java.time.ZoneId;
import java.util.List;

/**
 * A validated pipeline as it runs in one environment (the overlay's overrides already applied).
 * {@code allowEmptySource}: a day without records is a success ({@code source.allow_empty: true});
 * by default it fails the extract, so an outage upstream never loads as an empty day. Only
 * validated specs are built, so nothing downstream re-checks them.
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
    List<NotifierSpec> notifiers,
    boolean allowEmptySource) {
  public PipelineSpec {
    primaryKey = List.copyOf(primaryKey);
    notifiers = List.copyOf(notifiers);
  }
}
