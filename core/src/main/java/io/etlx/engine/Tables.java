package io.etlx.engine;

import io.etlx.spec.PipelineSpec;
import io.etlx.spi.TableSpec;

/** The target table of a pipeline in an environment, as dialects see it. */
public final class Tables {
  private Tables() {}

  public static TableSpec of(PipelineSpec p, EnvironmentSession session) {
    String schema = p.sink().schema() != null ? p.sink().schema() : session.schema();
    return new TableSpec(schema, p.sink().table(), p.transform().columns(), p.primaryKey(), p.sink().mode(),
        p.sink().partitionColumn(), p.sink().deleteMarker(), p.transform().version(), p.transform().upgrades());
  }
}
