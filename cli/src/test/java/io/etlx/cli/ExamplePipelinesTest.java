package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example pipelines in examples/pipelines/ validate against every shipped environment. */
class ExamplePipelinesTest {
  @TempDir Path dir;

  @Test
  void everyExampleValidates() throws IOException {
    ShippedFiles.copyInto(dir);
    Path examples =
        Path.of(System.getProperty("user.dir")).getParent().resolve("examples/pipelines");
    try (Stream<Path> files = Files.list(examples)) {
      for (Path example : files.toList()) {
        Files.copy(example, dir.resolve("pipelines").resolve(example.getFileName()));
      }
    }

    CliRun validate = CliRun.in(dir, Map.of("USER", "examples"), "validate");

    assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
    assertThat(validate.out())
        .contains("shop_exports.yaml: needs environment variable(s)", "crm_contacts.yaml")
        .contains("app_orders.yaml");
  }
}
