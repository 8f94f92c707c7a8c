package io.etlx.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.testkit.Records;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSourceTest {
  private static final String SECRET = "s3cr3t";
  private static final String DAY = "/historical/2020-12-01.json";

  @TempDir Path project;
  private FakeApi api;

  @BeforeEach
  void start() throws IOException {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void aRedirectLoopIsRefusedOnceAndNamedAsSuch() {
    api.redirect("/loop", "/loop");

    EtlxException e = failure(spec("url: \"" + api.url("/loop") + "\""));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e.getMessage()).contains("redirect").doesNotContain("rerun later is safe");
  }

  @Test
  void anObjectOfRatesBecomesKeyValueRecordsWithExactDecimals() {
    api.answer(
        DAY, 200, "{\"base\":\"USD\",\"rates\":{\"INR\":73.123456789,\"EUR\":0.820,\"JPY\":104}}");

    List<ObjectNode> records = extract(open(fxSpec("/rates")));

    assertThat(records)
        .extracting(Object::toString)
        .containsExactly(
            "{\"key\":\"INR\",\"value\":73.123456789}",
            "{\"key\":\"EUR\",\"value\":0.820}",
            "{\"key\":\"JPY\",\"value\":104}");
    assertThat(records.get(0).get("value").decimalValue())
        .isEqualTo(new BigDecimal("73.123456789"));
  }

  @Test
  void anArrayOfObjectsUnderANestedPointer() {
    api.answer(
        "/orders",
        200,
        "{\"data\":{\"meta\":{\"items\":[1]},\"items\":[{\"id\":1},{\"id\":2,\"note\":null}]},\"page\":1}");

    List<ObjectNode> records =
        extract(open(spec("url: " + api.url("/orders") + "\nrecords: /data/items")));

    assertThat(records)
        .extracting(Object::toString)
        .containsExactly("{\"id\":1}", "{\"id\":2,\"note\":null}");
  }

  @Test
  void aRootArrayWithoutPointer() {
    api.answer("/orders", 200, "[{\"id\":1},{\"id\":2}]");

    assertThat(extract(open(spec("url: " + api.url("/orders"))))).hasSize(2);
  }

  @Test
  void queryAndHeadersAreResolvedForTheServerButRedactedInDescribe() {
    api.answer(DAY, 200, "{\"rates\":{}}");
    Source source = open(fxSpec("/rates"));

    extract(source);

    assertThat(api.last().rawQuery()).isEqualTo("app_id=s3cr3t&base=USD&region=eu%20west");
    assertThat(api.last().headers().get("Authorization")).containsExactly("Bearer s3cr3t");
    assertThat(api.last().headers().get("X-day")).containsExactly("2020-12-01");
    assertThat(source.describe())
        .isEqualTo(
            "GET "
                + api.url(DAY)
                + "?app_id=${FX_APP_ID}&base=USD&region=eu west with headers Authorization, X-Day");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 429})
  void serverErrorsAndRateLimitsAreUnavailable(int status) {
    api.answer(DAY, status, "{\"error\":\"bad key s3cr3t\"}");

    EtlxException e = failure(fxSpec("/rates"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "source unavailable: "
                + shownFx()
                + " answered HTTP "
                + status
                + "; a rerun later is safe");
  }

  @Test
  void notFoundIsRejected() {
    EtlxException e = failure(fxSpec("/rates"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo(
            "source rejected "
                + shownFx()
                + " with HTTP 404; check 'url' and that the source has data for this date (not"
                + " retried)");
  }

  @Test
  void aStoppedServerIsUnavailable() {
    Source source = open(fxSpec("/rates"));
    api.close();

    EtlxException e = failure(source);

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e.getMessage())
        .startsWith("source unavailable: " + shownFx() + " failed (cannot connect")
        .endsWith("); a rerun later is safe")
        .doesNotContain(SECRET);
  }

  @Test
  void aSlowServerTimesOut() {
    api.slow("/slow", 3000);

    EtlxException e = failure(spec("url: " + api.url("/slow") + "\ntimeout_seconds: 1"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e.getMessage()).contains("within 1 s").endsWith("a rerun later is safe");
  }

  @Test
  void htmlIsGarbage() {
    api.answer(DAY, 200, "<html>oops");

    EtlxException e = failure(fxSpec("/rates"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .startsWith(
            "source returned invalid JSON from "
                + shownFx()
                + " (line 1, column 1: Unexpected character ('<'")
        .endsWith("); check that it serves JSON");
  }

  @Test
  void aMissingPointerNamesTheKeysThatAreThere() {
    api.answer(DAY, 200, "{\"base\":\"USD\",\"timestamp\":1606780800,\"error\":{\"rates\":1}}");

    EtlxException e = failure(fxSpec("/rates"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "source returned no '/rates' in the JSON from "
                + shownFx()
                + " (found keys: base, timestamp, error)");
  }

  @Test
  void aNonObjectElementIsGarbageNamingItsIndex() {
    api.answer("/orders", 200, "{\"data\":[{\"id\":1},[2]]}");

    EtlxException e = failure(spec("url: " + api.url("/orders") + "\nrecords: /data"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e.getMessage())
        .isEqualTo(
            "element 1 at '/data' in the JSON from GET "
                + api.url("/orders")
                + " is an array, not an object; each record must be a JSON object");
  }

  @Test
  void noErrorMessageOrDescriptionShowsTheSecret() {
    List<String> texts = new ArrayList<>();
    texts.add(open(fxSpec("/rates")).describe());
    for (int status : new int[] {401, 404, 429, 500}) {
      api.answer(DAY, status, SECRET);
      texts.add(failure(fxSpec("/rates")).getMessage());
    }
    api.answer(DAY, 200, "<html>" + "oops");
    texts.add(failure(fxSpec("/rates")).getMessage());
    api.answer(DAY, 200, "{\"base\":1}");
    texts.add(failure(fxSpec("/rates")).getMessage());
    Source refused = open(fxSpec("/rates"));
    api.close();
    texts.add(failure(refused).getMessage());

    assertThat(texts)
        .allSatisfy(
            text ->
                assertThat(text)
                    .contains("${FX_APP_ID}")
                    .doesNotContain(SECRET)
                    .doesNotContain("\n"));
  }

  @Test
  void aRelativeFileUrlReadsFromTheProjectAndIgnoresTheQuery() throws IOException {
    Path file = project.resolve("samples/historical/2020-12-01.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"rates\":{\"INR\":73.5}}");

    Source source =
        open(
            spec(
                "url: \"file:samples/historical/${date}.json\"\n"
                    + "query: {app_id: \"${FX_APP_ID}\"}\nrecords: /rates"));

    assertThat(extract(source))
        .extracting(Object::toString)
        .containsExactly("{\"key\":\"INR\",\"value\":73.5}");
    assertThat(source.describe()).isEqualTo("file:samples/historical/2020-12-01.json");
  }

  @Test
  void aMissingFileUrlIsRejected() {
    EtlxException e =
        failure(spec("url: \"file:samples/historical/${date}.json\"\nrecords: /rates"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e.getMessage())
        .isEqualTo(
            "no file for 2020-12-01: file:samples/historical/2020-12-01.json does not exist");
  }

  @Test
  void aPointerWithoutSlashFailsTheCheck() {
    assertThat(new HttpSourcePlugin().check(spec("url: http://x\nrecords: rates")))
        .containsExactly("records: 'rates' is not a JSON pointer (did you mean '/rates'?)");
  }

  private PluginOptions fxSpec(String records) {
    return spec(
        "url: \""
            + api.url("/historical/${date}.json")
            + "\"\n"
            + "query:\n  app_id: \"${FX_APP_ID}\"\n  base: USD\n  region: \"${env.region}\"\n"
            + "headers:\n  Authorization: \"Bearer ${FX_APP_ID}\"\n  X-Day: \"${date}\"\n"
            + "records: "
            + records);
  }

  private String shownFx() {
    return "GET " + api.url(DAY) + "?app_id=${FX_APP_ID}&base=USD&region=eu west";
  }

  private static PluginOptions spec(String yaml) {
    return new PluginSpec("http", (YamlMap) YamlReader.parse(yaml, "test.yaml")).plain();
  }

  private Source open(PluginOptions spec) {
    Interpolator interpolator =
        new Interpolator(
            LocalDate.of(2020, 12, 1), Map.of("region", "eu west"), Map.of("FX_APP_ID", SECRET));
    return new HttpSourcePlugin().open(spec, PluginSetup.of(project, interpolator));
  }

  private EtlxException failure(PluginOptions spec) {
    return failure(open(spec));
  }

  private static EtlxException failure(Source source) {
    return (EtlxException) catchThrowable(() -> extract(source));
  }

  private static List<ObjectNode> extract(Source source) {
    List<ObjectNode> records = new ArrayList<>();
    source.extract(Records.into(records));
    return records;
  }
}
