package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code etlx schema}: the printed schemas accept the shipped files and reject a misspelt option.
 */
class SchemaCommandTest {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @Test
  void pipelineSchemaAcceptsShippedPipelinesAndKnowsPluginOptions() throws Exception {
    Schema schema = printed("pipeline");

    for (String name : new String[] {"exchange_rates", "order_items"}) {
      String yaml = Files.readString(Path.of("../pipelines/" + name + ".yaml"));
      assertThat(schema.validate(yaml, InputFormat.YAML)).as(name).isEmpty();
    }
    String misspelt =
        Files.readString(Path.of("../pipelines/order_items.yaml"))
            .replace("format: csv", "formt: csv");
    assertThat(schema.validate(misspelt, InputFormat.YAML)).isNotEmpty();
  }

  @Test
  void environmentSchemaAcceptsShippedEnvironment() throws Exception {
    Schema schema = printed("environment");

    for (String name : new String[] {"dev", "prod", "snowflake"}) {
      String shipped = Files.readString(Path.of("../environments/" + name + ".yaml"));
      assertThat(schema.validate(shipped, InputFormat.YAML)).as(name).isEmpty();
    }
    String yaml = Files.readString(Path.of("../environments/dev.yaml"));
    assertThat(schema.validate(yaml.replace("type: duckdb", "type: oracle"), InputFormat.YAML))
        .isNotEmpty();
  }

  private static Schema printed(String kind) {
    CliRun run = CliRun.of("schema", kind);
    assertThat(run.exitCode()).isZero();
    return REGISTRY.getSchema(run.out(), InputFormat.JSON);
  }
}
