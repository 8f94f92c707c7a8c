package io.etlx.lineage;

import io.etlx.spec.LineageSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spi.SecretMask;
import io.etlx.spi.Templates;
import io.etlx.state.RunKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenLineage run events for the stage executions of one environment, as its {@code lineage:} block
 * asks: START when an attempt of a stage starts, COMPLETE or FAIL when it ends (see {@link Events}
 * for what they hold), sent over HTTP, appended to a file, or both. Sending never fails a run (see
 * {@link Delivery}); an environment without the block has no {@code Lineage} at all.
 */
public final class Lineage implements AutoCloseable {
  private final Events events;
  private final Delivery delivery;

  private Lineage(Events events, Delivery delivery) {
    this.events = events;
    this.delivery = delivery;
  }

  /**
   * Opens the transports {@code spec} names, its templates resolved with {@code templates}; a path
   * is relative to {@code projectDir}. A transport that cannot be opened (a URL that is none once
   * resolved, a variable not set) is reported as a failure to send, and its events dropped: lineage
   * never stops a run.
   */
  public static Lineage open(
      LineageSpec spec, Templates templates, Path projectDir, Datasets datasets) {
    SecretMask secrets =
        new SecretMask(
            templates,
            spec.http() == null
                ? List.of()
                : Arrays.asList(spec.http().url(), spec.http().apiKey()));
    List<Transport> transports = new ArrayList<>();
    Map<String, RuntimeException> broken = new LinkedHashMap<>();
    if (spec.http() != null) {
      try {
        transports.add(HttpTransport.open(spec.http(), templates));
      } catch (RuntimeException e) {
        broken.put(templates.redact(spec.http().url()), e);
      }
    }
    if (spec.file() != null) {
      try {
        transports.add(
            new FileTransport(projectDir.resolve(templates.resolve(spec.file().path()))));
      } catch (RuntimeException e) {
        broken.put(templates.redact(spec.file().path()), e);
      }
    }
    Delivery delivery = new Delivery(transports, secrets);
    broken.forEach(delivery::failed);
    return new Lineage(new Events(namespace(spec, templates), datasets), delivery);
  }

  private static String namespace(LineageSpec spec, Templates templates) {
    try {
      return templates.resolve(spec.namespace());
    } catch (RuntimeException e) {
      return templates.redact(spec.namespace());
    }
  }

  /**
   * What the stages of one run report to lineage.
   *
   * @param runId etlx's id of the run: the parent run of every stage's
   * @param schema the environment's target schema, resolved
   * @param reads the pipelines whose tables the extract reads (a SQL model's upstreams)
   */
  public StageListener run(
      RunKey key, String runId, PipelineSpec pipeline, String schema, List<PipelineSpec> reads) {
    return new RunLineage(
        new PipelineRun(key, PipelineRun.uuid(runId), pipeline, schema, reads), events, delivery);
  }

  @Override
  public void close() {
    delivery.close();
  }
}
