package io.etlx.source.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRecordsTest {
  @Test
  void aPointerMayIndexArraysAndEscapeSlashes() throws IOException {
    String json = "{\"pages\":[{\"a/b\":[{\"id\":1}]},{\"a/b\":[{\"id\":2}]}]}";

    assertThat(read("/pages/1/a~1b", json))
        .extracting(Object::toString)
        .containsExactly("{\"id\":2}");
  }

  @Test
  void objectValuesKeepTheirJsonType() throws IOException {
    String json =
        "{\"x\":{\"n\":null,\"s\":\"t\",\"o\":{\"k\":[1]},\"big\":12345678901234567890.000001}}";

    assertThat(read("/x", json))
        .extracting(Object::toString)
        .containsExactly(
            "{\"key\":\"n\",\"value\":null}",
            "{\"key\":\"s\",\"value\":\"t\"}",
            "{\"key\":\"o\",\"value\":{\"k\":[1]}}",
            "{\"key\":\"big\",\"value\":12345678901234567890.000001}");
  }

  @Test
  void aMissingPointerSaysWhatIsThereAtTheDepthItStopped() {
    assertThat(garbage("/data/items", "{\"data\":{\"rows\":[],\"next\":null}}"))
        .isEqualTo(
            "source returned no '/data/items' in the JSON from api (found keys at '/data': rows,"
                + " next)");
    assertThat(garbage("/rates", "[1,2]"))
        .isEqualTo(
            "source returned no '/rates' in the JSON from api (found an array of 2 elements)");
    assertThat(garbage("/data/3", "{\"data\":[{}]}"))
        .isEqualTo(
            "source returned no '/data/3' in the JSON from api (found an array of 1 element at"
                + " '/data')");
    assertThat(garbage("/rates", "{}"))
        .isEqualTo("source returned no '/rates' in the JSON from api (found an empty object)");
  }

  @Test
  void onlyTheFirstTenKeysAreListed() {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 12; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    assertThat(garbage("/rates", json + "}"))
        .endsWith("(found keys: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, ...)");
  }

  @Test
  void aScalarAtThePointerIsGarbage() {
    assertThat(garbage("/rates", "{\"rates\":\"none\"}"))
        .isEqualTo(
            "source returned a string at '/rates' in the"
                + " JSON from api; expected an array of records or an object of key -> value");
  }

  @Test
  void aTruncatedDocumentFailsEvenAfterItsRecords() {
    assertThat(garbage("/rates", "{\"rates\":{\"A\":1},\"base\":"))
        .startsWith("source returned invalid JSON from api (line 1, column ");
  }

  @Test
  void aSecondDocumentIsGarbage() {
    assertThat(garbage("", "[{}] [{}]"))
        .isEqualTo(
            "source returned more than one JSON document from api; use format ndjson for one object"
                + " per line");
  }

  @Test
  void anEmptyBodyIsGarbage() {
    assertThat(garbage("", " "))
        .isEqualTo("source returned an empty document from api; expected JSON");
  }

  @Test
  void aPointerWithoutLeadingSlashIsRefused() {
    EtlxException e = (EtlxException) catchThrowable(() -> new JsonRecords("rates", "api"));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
    assertThat(e.getMessage())
        .isEqualTo("records: 'rates' is not a JSON pointer (did you mean '/rates'?)");
  }

  private static List<ObjectNode> read(String pointer, String json) throws IOException {
    List<ObjectNode> records = new ArrayList<>();
    new JsonRecords(pointer, "api")
        .read(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8,
            records::add);
    return records;
  }

  private static String garbage(String pointer, String json) {
    EtlxException e = (EtlxException) catchThrowable(() -> read(pointer, json));
    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    return e.getMessage();
  }
}
