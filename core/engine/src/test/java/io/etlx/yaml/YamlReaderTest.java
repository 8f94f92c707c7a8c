package io.etlx.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
  @Test
  void keepsLineColumnAndPathOfEveryNode() {
    YamlMap root = (YamlMap) YamlReader.parse("a:\n  b:\n    - x\n    - {c: 1}\n", "f.yaml");

    YamlNode c = ((YamlMap) ((YamlList) root.map("a").get("b")).items().get(1)).get("c");
    assertThat(c.origin()).isEqualTo(new Origin("f.yaml", 4, 11, "a.b[1].c"));
    assertThat(root.map("a").keyOrigin("b")).isEqualTo(new Origin("f.yaml", 2, 3, "a.b"));
  }

  @Test
  void resolvesScalarsWithYaml12CoreRulesSoNorwayStaysAString() {
    YamlMap root =
        (YamlMap)
            YamlReader.parse("no: NO\non: yes\nt: true\ni: 42\nd: 1.50\nn: ~\nq: '7'\n", "f.yaml");

    assertThat(root.keys()).containsExactly("no", "on", "t", "i", "d", "n", "q");
    assertThat(root.scalar("no").value()).isEqualTo("NO");
    assertThat(root.scalar("on").value()).isEqualTo("yes");
    assertThat(root.scalar("t").value()).isEqualTo(true);
    assertThat(root.scalar("i").value()).isEqualTo(BigInteger.valueOf(42));
    assertThat(root.scalar("d").value()).isEqualTo(new BigDecimal("1.50"));
    assertThat(root.scalar("n").isNull()).isTrue();
    assertThat(root.scalar("q").value()).isEqualTo("7");
  }

  @Test
  void reportsDuplicateKeysWithBothLines() {
    assertThatThrownBy(() -> YamlReader.parse("a: 1\nb: 2\na: 3\n", "f.yaml"))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::render)
                    .containsExactly("f.yaml:3:1: a: duplicate key 'a' (first defined at line 1)"));
  }

  @Test
  void reportsSyntaxErrorsAtTheirPosition() {
    assertThatThrownBy(() -> YamlReader.parse("a: [1, 2\nb: 3\n", "f.yaml"))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> assertThat(e.problems().get(0).render()).startsWith("f.yaml:2:2: invalid YAML: "));
  }

  @Test
  void emptyDocumentIsAnEmptyMap() {
    assertThat(YamlReader.parse("# only a comment\n", "f.yaml")).isInstanceOf(YamlMap.class);
  }
}
