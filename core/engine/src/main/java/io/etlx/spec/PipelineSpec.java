package io.etlx.spec;

import io.etlx.spi.DataCheck;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated pipeline as it runs in one environment (the overlay's overrides already applied).
 * {@code allowEmptySource}: a day without records is a success ({@code source.allow_empty: true});
 * by default it fails the extract, so an outage upstream never loads as an empty day. {@code
 * checks} are the checks of the whole batch (YAML top-level {@code checks:}); a column's own checks
 * are in its {@link ColumnSpec}. {@code sla} says when a date must be loaded; null without one.
 * {@code dependsOn} names the pipelines whose load of the same logical date this one waits for.
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
    List<NotifierSpec> notifiers,
    boolean allowEmptySource,
    List<DataCheck> checks,
    SlaSpec sla,
    List<String> dependsOn) {
  public PipelineSpec {
    dependsOn = List.copyOf(dependsOn);
    primaryKey = List.copyOf(primaryKey);
    notifiers = List.copyOf(notifiers);
    checks = List.copyOf(checks);
  }

  /** A pipeline without checks of the whole batch. */
  public PipelineSpec(
      String name,
      String description,
      String file,
      ZoneId timezone,
      PluginSpec source,
      TransformSpec transform,
      List<String> primaryKey,
      SinkSpec sink,
      List<NotifierSpec> notifiers) {
    this(
        name,
        description,
        file,
        timezone,
        source,
        transform,
        primaryKey,
        sink,
        notifiers,
        false,
        List.of(),
        null,
        List.of());
  }

  /** Every data check: each column's, in column order, then the checks of the whole batch. */
  public List<DataCheck> allChecks() {
    List<DataCheck> all = new ArrayList<>();
    transform.columns().forEach(c -> all.addAll(c.checks()));
    all.addAll(checks);
    return all;
  }
}
