package io.etlx.source.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Newline-delimited JSON: one object per non-blank line. */
public final class NdjsonRecords {
  private final String from;

  /** {@code from} names the file in errors. */
  public NdjsonRecords(String from) {
    this.from = from;
  }

  public void read(Reader in, Consumer<ObjectNode> records) throws IOException {
    BufferedReader lines = new BufferedReader(in, 64 * 1024);
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      records.accept(parse(line, number));
    }
  }

  private ObjectNode parse(String line, int number) {
    JsonNode node;
    try {
      node = ExactJson.LINE.readTree(line);
    } catch (JsonProcessingException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          "line "
              + number
              + " of "
              + from
              + " is not valid JSON ("
              + JsonRecords.reason(e)
              + "); each line must hold one JSON object",
          e);
    }
    if (!(node instanceof ObjectNode record)) {
      throw new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          "line "
              + number
              + " of "
              + from
              + " is "
              + JsonRecords.kind(node)
              + ", not a JSON object; each line must hold one JSON object");
    }
    return record;
  }
}
