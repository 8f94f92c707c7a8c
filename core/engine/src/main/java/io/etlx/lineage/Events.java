package io.etlx.lineage;

import io.etlx.spec.PipelineSpec;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import io.etlx.state.Stage;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenLineage events of etlx's stage attempts, as JSON. A stage is the job {@code
 * PIPELINE.STAGE} in the configured namespace, each attempt a run whose parent is the pipeline's
 * run (job {@code PIPELINE}, etlx's run id); its facets say when the logical date is (nominal time,
 * UTC) and, in the {@code etlx} facet, the logical date, environment, stage and attempt. The data
 * sets: extract writes the raw partition (and read its source, named on COMPLETE by the source's
 * own description); transform reads the raw partition; load reads it and writes the table, with its
 * columns and types.
 */
final class Events {
  static final URI PRODUCER = URI.create("https://etlx.io/etlx");
  static final URI ETLX_FACET =
      URI.create("https://etlx.io/schema/etlx-run-facet.schema.json#/$defs/EtlxRunFacet");

  private final OpenLineage lineage = new OpenLineage(PRODUCER);
  private final String namespace;
  private final Datasets datasets;

  Events(String namespace, Datasets datasets) {
    this.namespace = namespace;
    this.datasets = datasets;
  }

  /**
   * The event of an attempt.
   *
   * @param rows what the attempt wrote (COMPLETE only)
   * @param error etlx's message (FAIL only)
   */
  String json(
      PipelineRun run,
      Stage stage,
      int attempt,
      EventType type,
      Instant at,
      long rows,
      String error) {
    OpenLineage.RunEvent event =
        lineage
            .newRunEventBuilder()
            .eventType(type)
            .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
            .run(
                lineage
                    .newRunBuilder()
                    .runId(run.attemptId(stage, attempt))
                    .facets(runFacets(run, stage, attempt, error))
                    .build())
            .job(
                lineage
                    .newJobBuilder()
                    .namespace(namespace)
                    .name(run.key().pipeline() + "." + stage.yamlName())
                    .facets(
                        lineage
                            .newJobFacetsBuilder()
                            .jobType(lineage.newJobTypeJobFacet("BATCH", "ETLX", "TASK"))
                            .build())
                    .build())
            .inputs(inputs(run, stage, type))
            .outputs(outputs(run, stage, type, rows))
            .build();
    return OpenLineageClientUtils.toJson(event);
  }

  private OpenLineage.RunFacets runFacets(PipelineRun run, Stage stage, int attempt, String error) {
    ZonedDateTime start = run.key().date().atStartOfDay(ZoneOffset.UTC);
    OpenLineage.RunFacetsBuilder facets =
        lineage
            .newRunFacetsBuilder()
            .parent(
                lineage.newParentRunFacet(
                    lineage.newParentRunFacetRun(run.runId()),
                    lineage.newParentRunFacetJob(namespace, run.key().pipeline()),
                    lineage.newParentRunFacetRoot(
                        lineage.newRootRun(run.runId()),
                        lineage.newRootJob(namespace, run.key().pipeline()))))
            .nominalTime(lineage.newNominalTimeRunFacet(start, start.plusDays(1)))
            .put("etlx", etlxFacet(run, stage, attempt));
    if (error != null) {
      facets.errorMessage(lineage.newErrorMessageRunFacet(error, "Java", null));
    }
    return facets.build();
  }

  private static OpenLineage.RunFacet etlxFacet(PipelineRun run, Stage stage, int attempt) {
    OpenLineage.DefaultRunFacet facet =
        new OpenLineage.DefaultRunFacet(PRODUCER) {
          @Override
          public URI get_schemaURL() {
            return ETLX_FACET;
          }
        };
    facet.getAdditionalProperties().put("pipeline", run.key().pipeline());
    facet.getAdditionalProperties().put("logicalDate", run.key().date().toString());
    facet.getAdditionalProperties().put("environment", run.key().environment());
    facet.getAdditionalProperties().put("stage", stage.yamlName());
    facet.getAdditionalProperties().put("attempt", attempt);
    return facet;
  }

  private List<OpenLineage.InputDataset> inputs(PipelineRun run, Stage stage, EventType type) {
    PartitionKey partition = new PartitionKey(run.key().pipeline(), run.key().date());
    List<OpenLineage.InputDataset> inputs = new ArrayList<>();
    switch (stage) {
      case EXTRACT -> {
        // a SQL model reads the tables of its upstreams, known before it starts
        for (PipelineSpec read : run.reads()) {
          inputs.add(input(datasets.table(run.tableSchema(read), read.sink().table())));
        }
        if (type == EventType.COMPLETE && run.reads().isEmpty()) {
          datasets
              .source(partition)
              .ifPresent(
                  described ->
                      inputs.add(
                          input(new DatasetName(run.pipeline().source().type(), described))));
        }
      }
      case TRANSFORM, LOAD -> inputs.add(input(datasets.raw(partition)));
      default -> {}
    }
    return inputs;
  }

  private List<OpenLineage.OutputDataset> outputs(
      PipelineRun run, Stage stage, EventType type, long rows) {
    OpenLineage.OutputDatasetOutputFacets statistics =
        type != EventType.COMPLETE
            ? null
            : lineage
                .newOutputDatasetOutputFacetsBuilder()
                .outputStatistics(lineage.newOutputStatisticsOutputDatasetFacet(rows, null, null))
                .build();
    return switch (stage) {
      case EXTRACT -> {
        DatasetName raw = datasets.raw(new PartitionKey(run.key().pipeline(), run.key().date()));
        yield List.of(output(raw, null, statistics));
      }
      case LOAD -> {
        DatasetName table = datasets.table(run.tableSchema(), run.pipeline().sink().table());
        yield List.of(output(table, schema(run), statistics));
      }
      default -> List.of();
    };
  }

  /** The table's columns and their etlx types (e.g. {@code decimal(18,6)}). */
  private OpenLineage.DatasetFacets schema(PipelineRun run) {
    List<OpenLineage.SchemaDatasetFacetFields> fields =
        run.pipeline().transform().columns().stream()
            .map(
                c -> lineage.newSchemaDatasetFacetFields(c.name(), c.type().toString(), null, null))
            .toList();
    return lineage.newDatasetFacetsBuilder().schema(lineage.newSchemaDatasetFacet(fields)).build();
  }

  private OpenLineage.InputDataset input(DatasetName name) {
    return lineage.newInputDatasetBuilder().namespace(name.namespace()).name(name.name()).build();
  }

  private OpenLineage.OutputDataset output(
      DatasetName name,
      OpenLineage.DatasetFacets facets,
      OpenLineage.OutputDatasetOutputFacets outputFacets) {
    return lineage
        .newOutputDatasetBuilder()
        .namespace(name.namespace())
        .name(name.name())
        .facets(facets)
        .outputFacets(outputFacets)
        .build();
  }
}
