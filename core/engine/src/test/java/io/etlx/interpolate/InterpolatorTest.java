package io.etlx.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.EtlxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);
  private final Interpolator interpolator =
      new Interpolator(
          DEC_1, Map.of("api", "http://fx"), Map.of("FX_APP_ID", "secret-id", "USER", "alice"));

  @Test
  void resolvesLogicalDateNeverTheWallClock() {
    assertThat(interpolator.resolve("${date}|${date:yyyyMMdd}|${date:yyyy/MM}"))
        .isEqualTo("2020-12-01|20201201|2020/12");
  }

  @Test
  void resolvesOverlayAndProcessVariablesWithDefaults() {
    assertThat(interpolator.resolve("${env.api}/h/${date}.json?app_id=${FX_APP_ID}"))
        .isEqualTo("http://fx/h/2020-12-01.json?app_id=secret-id");
    assertThat(interpolator.resolve("${USER:-local}_dev ${NOPE:-local}_dev ${NOPE:-}"))
        .isEqualTo("alice_dev local_dev ");
  }

  @Test
  void redactKeepsSecretsOut() {
    assertThat(interpolator.redact("${env.api}?app_id=${FX_APP_ID}&d=${date}"))
        .isEqualTo("http://fx?app_id=${FX_APP_ID}&d=2020-12-01");
  }

  @Test
  void escapedReferenceIsLiteral() {
    assertThat(interpolator.resolve("cost: $${price}")).isEqualTo("cost: ${price}");
  }

  @Test
  void secretValuesAreNotInterpolatedAgain() {
    Interpolator tricky = new Interpolator(DEC_1, Map.of(), Map.of("TOKEN", "${date}"));
    assertThat(tricky.resolve("${TOKEN}")).isEqualTo("${date}");
  }

  @Test
  void listsEveryMissingVariableAtOnce() {
    assertThatThrownBy(
            () -> interpolator.resolve("${A_TOKEN}/${env.missing}/${B_TOKEN}/${FX_APP_ID}"))
        .isInstanceOf(EtlxException.class)
        .hasMessage("missing variable(s) A_TOKEN, B_TOKEN, env.missing: set them before running");
  }

  @Test
  void scannerReportsMalformedReferences() {
    List<String> errors = new ArrayList<>();
    List<Reference> refs =
        TemplateScanner.scan(
            "${date:bbb} ${lower} ${env.ok} ${X:-1} ${open",
            (code, m) -> errors.add(code + " " + m));

    assertThat(refs)
        .containsExactly(
            new Reference.OverlayVar("${env.ok}", "ok"),
            new Reference.ProcessVar("${X:-1}", "X", "1"));
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).startsWith("BAD_DATE_PATTERN bad date pattern in '${date:bbb}'");
    assertThat(errors.get(1)).startsWith("BAD_REFERENCE unknown reference '${lower}'");
    assertThat(errors.get(2))
        .isEqualTo("BAD_REFERENCE unterminated reference '${open': close it with '}'");
  }
}
