package io.etlx.spec;

import io.etlx.spi.DataCheck;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated pipeline as it runs in one environment (the overlay's overrides already applied).
 * Only validated specs are built, so nothing downstream re-checks them. {@code checks} are the
 * checks of the whole batch (YAML top-level {@code checks:}); a column's own checks are in its
 * {@link ColumnSpec}.
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
    List<DataCheck> checks) {
  public PipelineSpec {
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
