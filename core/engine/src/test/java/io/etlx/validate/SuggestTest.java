package io.etlx.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  @Test
  void suggestsCloseWordsSwapsAndPrefixes() {
    assertThat(Suggest.nearest("sourc", List.of("source", "sink"))).isEqualTo("source");
    assertThat(Suggest.nearest("dve", List.of("dev", "prod"))).isEqualTo("dev");
    assertThat(Suggest.nearest("timeout", List.of("timeout_seconds", "url")))
        .isEqualTo("timeout_seconds");
    assertThat(Suggest.nearest("base", List.of("rate", "date"))).isNull();
    assertThat(Suggest.distance("abcd", "acbd")).isEqualTo(1);
  }
}
