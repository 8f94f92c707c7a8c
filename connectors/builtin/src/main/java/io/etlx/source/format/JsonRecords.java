package io.etlx.source.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The records of a JSON document at a JSON pointer, read token by token so that one record at a
 * time is in memory. An array yields its objects; an object yields one {@code {"key", "value"}}
 * record per entry, the shape of rate tables such as {@code {"rates": {"INR": 73.5}}}.
 */
public final class JsonRecords {
  private final String pointer;
  private final String from;

  /** {@code pointer} is empty for the whole document; {@code from} names the source in errors. */
  public JsonRecords(String pointer, String from) {
    String problem = pointerProblem(pointer);
    if (problem != null) {
      throw new EtlxException(ErrorCode.INVALID_VALUE, "records: " + problem);
    }
    this.pointer = pointer;
    this.from = from;
  }

  /** Why {@code pointer} is not a JSON pointer, or {@code null} if it is one. */
  public static String pointerProblem(String pointer) {
    if (pointer.isEmpty() || pointer.startsWith("/")) {
      return null;
    }
    return "'" + pointer + "' is not a JSON pointer (did you mean '/" + pointer + "'?)";
  }

  /**
   * Reads the whole document, so that a truncated one fails instead of passing as fewer records.
   */
  public void read(InputStream in, Charset charset, Consumer<ObjectNode> records)
      throws IOException {
    try (JsonParser parser = parser(in, charset)) {
      if (parser.nextToken() == null) {
        throw garbage("source returned an empty document from " + from + "; expected JSON");
      }
      new PointerSeek(pointer, from).seek(parser);
      emit(parser, records);
      while (!parser.getParsingContext().inRoot()) {
        parser.nextToken();
      }
      if (parser.nextToken() != null) {
        throw garbage(
            "source returned more than one JSON document from "
                + from
                + "; use format ndjson for one object per line");
      }
    } catch (JsonProcessingException e) {
      throw garbage(
          "source returned invalid JSON from "
              + from
              + " ("
              + reason(e)
              + "); check that it serves JSON",
          e);
    }
  }

  private static JsonParser parser(InputStream in, Charset charset) throws IOException {
    if (charset.equals(StandardCharsets.UTF_8)) {
      return ExactJson.MAPPER.createParser(in); // detects UTF-8/16/32 and a byte order mark itself
    }
    var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    return ExactJson.MAPPER.createParser(new InputStreamReader(in, decoder));
  }

  private void emit(JsonParser parser, Consumer<ObjectNode> records) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_ARRAY) {
      for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
        JsonNode element = tree(parser);
        if (!(element instanceof ObjectNode record)) {
          throw garbage(
              "element "
                  + index
                  + " at '"
                  + pointer
                  + "' in the JSON from "
                  + from
                  + " is "
                  + kind(element)
                  + ", not an object; each record must be a JSON object");
        }
        records.accept(record);
      }
    } else if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        parser.nextToken();
        ObjectNode record = ExactJson.MAPPER.createObjectNode();
        record.put("key", key);
        record.set("value", tree(parser));
        records.accept(record);
      }
    } else {
      throw garbage(
          "source returned "
              + kind(tree(parser))
              + " at '"
              + pointer
              + "' in the JSON from "
              + from
              + "; expected an array of records or an object of key -> value");
    }
  }

  static JsonNode tree(JsonParser parser) throws IOException {
    JsonNode node = parser.readValueAsTree();
    return node == null ? NullNode.instance : node;
  }

  /** Jackson's own message, on one line and without the excerpt of the document it may append. */
  static String reason(JsonProcessingException e) {
    String message =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    message = message.lines().findFirst().orElse("").strip();
    if (message.length() > 160) {
      message = message.substring(0, 157) + "...";
    }
    var at = e.getLocation();
    return at == null
        ? message
        : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message;
  }

  /** "an array", "a number", ...: for messages. */
  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static EtlxException garbage(String message) {
    return new EtlxException(ErrorCode.SOURCE_GARBAGE, message);
  }

  static EtlxException garbage(String message, Throwable cause) {
    return new EtlxException(ErrorCode.SOURCE_GARBAGE, message, cause);
  }
}
