package io.etlx.engine;

import io.etlx.spec.PipelineSpec;
import io.etlx.spi.TableSpec;
import java.util.List;

/** The target table of a pipeline in an environment, as dialects see it. */
public final class Tables {
  private Tables() {}

  public static TableSpec of(PipelineSpec p, EnvironmentSession session) {
    String schema = p.sink().schema() != null ? p.sink().schema() : session.schema();
    List<TableSpec.Column> columns =
        p.transform().columns().stream()
            .map(c -> new TableSpec.Column(c.name(), c.type()))
            .toList();
    return new TableSpec(
        schema,
        p.sink().table(),
        columns,
        p.primaryKey(),
        p.sink().mode(),
        p.sink().partitionColumn(),
        p.sink().deleteMarker(),
        p.transform().version(),
        p.transform().upgrades(),
        p.allChecks());
  }
}
