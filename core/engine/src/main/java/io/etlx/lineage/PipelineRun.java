package io.etlx.lineage;

import io.etlx.spec.PipelineSpec;
import io.etlx.state.RunKey;
import java.util.List;
import java.util.UUID;

/**
 * One run of a pipeline for a logical date, the parent of its stages' runs.
 *
 * @param runId the run's id in OpenLineage: etlx's run id, which is a UUID
 * @param schema the environment's target schema, resolved
 * @param reads the pipelines whose tables the extract reads: a SQL model's upstreams
 */
record PipelineRun(
    RunKey key, UUID runId, PipelineSpec pipeline, String schema, List<PipelineSpec> reads) {
  PipelineRun {
    reads = List.copyOf(reads);
  }

  /** The run's id as a UUID: itself when it is one, else one derived from it, always the same. */
  static UUID uuid(String runId) {
    try {
      UUID uuid = UUID.fromString(runId);
      if (uuid.toString().equalsIgnoreCase(runId)) {
        return uuid;
      }
    } catch (IllegalArgumentException e) {
      // not a UUID: derived below
    }
    return UUID.nameUUIDFromBytes(runId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The id of an attempt of a stage of this run: the same for its START and its end. */
  UUID attemptId(io.etlx.state.Stage stage, int attempt) {
    return UUID.nameUUIDFromBytes(
        (runId + "/" + stage.yamlName() + "/" + attempt)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The target table's schema: the sink's own, else the environment's. */
  String tableSchema() {
    return tableSchema(pipeline);
  }

  /** The schema of {@code other}'s table in this run's environment. */
  String tableSchema(PipelineSpec other) {
    return other.sink().schema() != null ? other.sink().schema() : schema;
  }
}
