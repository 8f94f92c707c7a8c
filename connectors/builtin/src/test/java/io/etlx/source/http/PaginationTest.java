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
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** paginate: every way an API hands out the rest of a day, against a real server on loopback. */
class PaginationTest {
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
  void aNextUrlInTheBodyRelativeOrAbsolute() {
    api.answer("/orders", 200, "{\"data\":[{\"id\":1}],\"links\":{\"next\":\"/orders?after=1\"}}");
    api.answer(
        "/orders?after=1",
        200,
        "{\"data\":[{\"id\":2}],\"links\":{\"next\":\"" + api.url("/orders?after=2") + "\"}}");
    api.answer("/orders?after=2", 200, "{\"data\":[{\"id\":3}],\"links\":{\"next\":null}}");

    Source source =
        open("url: " + api.url("/orders") + "\nrecords: /data\npaginate: {next_url: /links/next}");

    assertThat(ids(source)).containsExactly("1", "2", "3");
    assertThat(source.describe()).endsWith("(3 pages)");
  }

  @Test
  void theLinkHeadersNextRelation() {
    api.answerWithLink(
        "/items",
        "[{\"id\":1}]",
        "<"
            + api.url("/items?page=2")
            + ">; rel=\"next\", <"
            + api.url("/items?page=9")
            + ">; rel=\"last\"");
    api.answerWithLink(
        "/items?page=2", "[{\"id\":2}]", "<" + api.url("/items") + ">; rel=\"first\"");

    assertThat(ids(open("url: " + api.url("/items") + "\npaginate: {link_header: true}")))
        .containsExactly("1", "2");
  }

  @Test
  void pageNumbersUntilAnEmptyPage() {
    api.answer("/p?page=1", 200, "[{\"id\":1},{\"id\":2}]");
    api.answer("/p?page=2", 200, "[{\"id\":3}]");
    api.answer("/p?page=3", 200, "[]");

    assertThat(ids(open("url: " + api.url("/p") + "\npaginate: {page_param: page}")))
        .containsExactly("1", "2", "3");
  }

  @Test
  void offsetsUntilAPageIsEmptyEvenWhenTheServerCapsItsPages() {
    // asked for 5 per page, the server gives at most 2: a short page is not the end
    api.answer("/o?offset=0&limit=5", 200, "[{\"id\":1},{\"id\":2}]");
    api.answer("/o?offset=2&limit=5", 200, "[{\"id\":3}]");
    api.answer("/o?offset=3&limit=5", 200, "[]");

    assertThat(
            ids(
                open(
                    "url: "
                        + api.url("/o")
                        + "\npaginate: {offset_param: offset, limit_param: limit, page_size: 5}")))
        .containsExactly("1", "2", "3");
  }

  @Test
  void aCursorFromTheBodySentBack() {
    api.answer("/c", 200, "{\"items\":[{\"id\":1}],\"meta\":{\"next\":\"a b\"}}");
    api.answer("/c?cursor=a%20b", 200, "{\"items\":[{\"id\":2}],\"meta\":{\"next\":\"\"}}");

    assertThat(
            ids(
                open(
                    "url: "
                        + api.url("/c")
                        + "\n"
                        + "records: /items\n"
                        + "paginate: {cursor_param: cursor, cursor: /meta/next}")))
        .containsExactly("1", "2");
  }

  @Test
  void aServerThatLoopsOrNeverEndsFailsInsteadOfRunningForever() {
    api.answer("/l", 200, "{\"data\":[{\"id\":1}],\"next\":\"/l?x=1\"}");
    api.answer("/l?x=1", 200, "{\"data\":[{\"id\":1}],\"next\":\"/l\"}");
    EtlxException loop =
        failure(open("url: " + api.url("/l") + "\nrecords: /data\npaginate: {next_url: /next}"));
    assertThat(loop.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(loop).hasMessageContaining("points back to a page already read");

    api.answer("/forever", 200, "[{\"id\":1}]"); // every page number answers a record
    EtlxException endless =
        failure(open("url: " + api.url("/forever") + "\npaginate: {page_param: p, max_pages: 3}"));
    assertThat(endless.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(endless).hasMessageContaining("more than 3 pages");
  }

  @Test
  void aBusyServersRetryAfterIsWaitedForAndThePageAskedAgain() {
    api.answers(
        "/busy",
        new FakeApi.Answer(429, "{}", 0, null, null, "1"),
        new FakeApi.Answer(503, "{}", 0, null, null, "1"),
        new FakeApi.Answer(200, "[{\"id\":1}]", 0));

    long start = System.nanoTime();
    assertThat(ids(open("url: " + api.url("/busy")))).containsExactly("1");

    assertThat(api.times()).hasSize(3);
    // 1 s each time, as the server said
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThan(java.time.Duration.ofMillis(1900));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).contains(java.time.Duration.ZERO);
    assertThat(RetryAfter.parse("soon")).isEmpty();
  }

  @Test
  void aWaitLongerThanAMinuteIsNotWaitedForButReported() {
    api.answers("/later", new FakeApi.Answer(429, "{}", 0, null, null, "3600"));

    EtlxException e = failure(open("url: " + api.url("/later")));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e).hasMessageContaining("retry after 3600");
    assertThat(api.times()).hasSize(1);
  }

  @Test
  void requestsPerSecondSpacesThePages() {
    api.answer("/r?page=1", 200, "[{\"id\":1}]");
    api.answer("/r?page=2", 200, "[{\"id\":2}]");
    api.answer("/r?page=3", 200, "[]");

    ids(open("url: " + api.url("/r") + "\nrequests_per_second: 4\npaginate: {page_param: page}"));

    List<Long> times = api.times();
    assertThat(times).hasSize(3);
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1)).isGreaterThan(200_000_000L); // 250 ms apart
    }
  }

  @Test
  void anOAuth2TokenIsFetchedOnceSentAsBearerAndRenewedOnA401() {
    api.answers(
        "/token",
        new FakeApi.Answer(200, "{\"access_token\":\"t1\",\"expires_in\":3600}", 0),
        new FakeApi.Answer(200, "{\"access_token\":\"t2\",\"expires_in\":3600}", 0));
    api.answer("/o?page=1", 200, "[{\"id\":1}]");
    api.answer("/o?page=2", 200, "[]");
    String oauth =
        "\noauth2: {token_url: \""
            + api.url("/token")
            + "\", client_id: app, client_secret: \"${SECRET}\"}";

    Source source = open("url: " + api.url("/o") + oauth + "\npaginate: {page_param: page}");
    assertThat(ids(source)).containsExactly("1");
    assertThat(api.last().headers().get("Authorization")).containsExactly("Bearer t1");
    assertThat(api.times()).hasSize(3); // one token, two pages
    assertThat(source.describe()).contains("with an OAuth2 token from " + api.url("/token"));

    api.answers(
        "/revoked", new FakeApi.Answer(401, "{}", 0), new FakeApi.Answer(200, "[{\"id\":2}]", 0));
    assertThat(ids(open("url: " + api.url("/revoked") + oauth))).containsExactly("2");
    assertThat(api.last().headers().get("Authorization")).containsExactly("Bearer t2");
  }

  @Test
  void aRefusedClientIsNotRetried() {
    api.answer("/token", 401, "{\"error\":\"invalid_client\"}");

    EtlxException e =
        failure(
            open(
                "url: "
                    + api.url("/o")
                    + "\noauth2: {token_url: \""
                    + api.url("/token")
                    + "\", client_id: app, client_secret: \"${SECRET}\"}"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_REJECTED);
    assertThat(e)
        .hasMessageContaining("check client_id, client_secret")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void allThePagesOfADateHaveATimeLimit() {
    api.answers( // every page answers a record, slowly
        "/slow",
        new FakeApi.Answer(200, "[{\"id\":1}]", 700),
        new FakeApi.Answer(200, "[{\"id\":2}]", 700),
        new FakeApi.Answer(200, "[{\"id\":3}]", 700));

    EtlxException e =
        failure(
            open(
                "url: "
                    + api.url("/slow")
                    + "\ntotal_timeout_seconds: 1\npaginate: {page_param: p}"));

    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_UNAVAILABLE);
    assertThat(e).hasMessageContaining("the pages took longer than total_timeout_seconds (1 s)");
  }

  @Test
  void anIncrementalApiIsAskedForWhatChangedSinceTheLastCommittedMark() {
    api.answer(
        "/changes",
        200,
        "[{\"id\":1,\"at\":\"2020-12-01T10:00:00Z\"},{\"id\":2,\"at\":\"2020-12-01T11:00:00Z\"}]");
    String yaml =
        "url: " + api.url("/changes") + "\nincremental: {param: since, cursor: at, lookback: 1h}";

    String[] saved = new String[1];
    List<String> first = ids(open(yaml), null, saved);
    assertThat(first).containsExactly("1", "2");
    assertThat(api.last().rawQuery()).isNull(); // a first extract asks for everything
    assertThat(saved[0]).isEqualTo("{\"cursor\":\"at\",\"max\":\"2020-12-01T11:00:00Z\"}");

    api.answer("/changes", 200, "[]");
    ids(open(yaml), saved[0], saved);
    assertThat(api.last().rawQuery()).isEqualTo("since=2020-12-01T10%3A00%3A00Z");
    assertThat(saved[0]).contains("2020-12-01T11:00:00Z"); // nothing new: the mark stays

    api.answer("/changes", 200, "[{\"id\":3}]");
    EtlxException e = failure(open(yaml));
    assertThat(e).hasMessageContaining("record 1 has no at");
  }

  private static List<String> ids(Source source, String previous, String[] saved) {
    List<String> ids = new ArrayList<>();
    source.extract(
        new io.etlx.spi.RecordSink() {
          @Override
          public void emit(Map<String, ?> record) {
            ids.add(String.valueOf(record.get("id")));
          }

          @Override
          public java.util.Optional<String> previousState() {
            return java.util.Optional.ofNullable(previous);
          }

          @Override
          public void saveState(String state) {
            saved[0] = state;
          }
        });
    return ids;
  }

  @Test
  void oneWayToPageIsSaidOnce() {
    PluginOptions both = options("url: http://x/\npaginate: {page_param: p, next_url: /next}");
    assertThat(new HttpSourcePlugin().check(both))
        .anyMatch(p -> p.startsWith("paginate: say one way"));
    PluginOptions half = options("url: http://x/\npaginate: {cursor_param: c}");
    assertThat(new HttpSourcePlugin().check(half))
        .anyMatch(p -> p.contains("cursor_param and cursor go together"));
  }

  private Source open(String yaml) {
    Interpolator interpolator =
        new Interpolator(LocalDate.of(2020, 12, 1), Map.of(), Map.of("SECRET", "s3cr3t"));
    return new HttpSourcePlugin().open(options(yaml), PluginSetup.of(project, interpolator));
  }

  private static PluginOptions options(String yaml) {
    return new PluginSpec("http", (YamlMap) YamlReader.parse(yaml, "test.yaml")).plain();
  }

  private static List<String> ids(Source source) {
    List<ObjectNode> records = new ArrayList<>();
    source.extract(Records.into(records));
    return records.stream().map(r -> r.get("id").asText()).toList();
  }

  private static EtlxException failure(Source source) {
    return (EtlxException) catchThrowable(() -> ids(source));
  }
}
