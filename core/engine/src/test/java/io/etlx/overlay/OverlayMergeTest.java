package io.etlx.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.yaml.JsonBridge;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverlayMergeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          scalar replaced          | {a: 1, b: 2}            | {a: 3}               | {"a":3,"b":2}
          new key added            | {a: 1}                  | {b: 2}               | {"a":1,"b":2}
          maps merge deeply        | {s: {x: 1, y: 2}}       | {s: {y: 3, z: 4}}    | {"s":{"x":1,"y":3,"z":4}}
          lists replace            | {l: [1, 2, 3]}          | {l: [9]}             | {"l":[9]}
          null removes a key       | {a: 1, s: {x: 1, y: 2}} | {s: {x: null}}       | {"a":1,"s":{"y":2}}
          map replaces scalar      | {a: 1}                  | {a: {x: 1}}          | {"a":{"x":1}}
          scalar replaces map      | {a: {x: 1}}             | {a: 2}               | {"a":2}
          empty overlay is no-op   | {a: {x: [1]}}           | {}                   | {"a":{"x":[1]}}
          """)
  void mergesByTheDocumentedRules(String name, String base, String overlay, String expected)
      throws Exception {
    YamlNode merged =
        OverlayMerge.merge(
            YamlReader.parse(base, "base.yaml"), YamlReader.parse(overlay, "env.yaml"));

    assertThat(JsonBridge.toJson(merged).toString()).isEqualTo(JSON.readTree(expected).toString());
  }

  @org.junit.jupiter.api.Test
  void valuesKeepTheOriginOfTheFileThatWroteThem() {
    YamlMap merged =
        (YamlMap)
            OverlayMerge.merge(
                YamlReader.parse("sink:\n  table: t\n  mode: upsert\n", "pipelines/p.yaml"),
                YamlReader.parse("sink: {mode: append}\n", "environments/dev.yaml"));

    assertThat(merged.map("sink").get("table").origin().file()).isEqualTo("pipelines/p.yaml");
    assertThat(merged.map("sink").get("mode").origin().file()).isEqualTo("environments/dev.yaml");
    assertThat(merged.map("sink").get("mode").origin().path()).isEqualTo("sink.mode");
  }
}
