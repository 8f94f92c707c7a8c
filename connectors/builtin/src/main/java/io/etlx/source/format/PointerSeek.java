package io.etlx.source.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a parser, token by token, to the value at a JSON pointer, skipping everything before it.
 * When the pointer is missing, the error says what is there instead, so the {@code records} option
 * can be fixed from the message alone.
 */
final class PointerSeek {
  private static final int KEYS_SHOWN = 10;

  private final String pointer;
  private final String from;

  PointerSeek(String pointer, String from) {
    this.pointer = pointer;
    this.from = from;
  }

  /**
   * Expects the parser on the document's first token; leaves it on the first token of the value.
   */
  void seek(JsonParser parser) throws IOException {
    JsonPointer rest = JsonPointer.compile(pointer);
    String reached = "";
    while (!rest.matches()) {
      String at = reached.isEmpty() ? "" : " at '" + reached + "'";
      String missing = step(parser, rest, at);
      if (missing != null) {
        throw JsonRecords.garbage(
            "source returned no '" + pointer + "' in the JSON from " + from + " (" + missing + ")");
      }
      String path = rest.toString();
      rest = rest.tail();
      reached += path.substring(0, path.length() - rest.toString().length());
    }
  }

  /**
   * Null when the parser now is on the value of the pointer's first segment, else what was found.
   */
  private static String step(JsonParser parser, JsonPointer segment, String at) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      return toProperty(parser, segment.getMatchingProperty(), at);
    }
    if (token == JsonToken.START_ARRAY) {
      return toIndex(parser, segment.getMatchingIndex(), at);
    }
    return "found " + JsonRecords.kind(JsonRecords.tree(parser)) + at;
  }

  private static String toProperty(JsonParser parser, String name, String at) throws IOException {
    List<String> keys = new ArrayList<>();
    int count = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      if (key.equals(name)) {
        return null;
      }
      if (count++ < KEYS_SHOWN) {
        keys.add(key);
      }
      parser.skipChildren();
    }
    if (keys.isEmpty()) {
      return "found an empty object" + at;
    }
    return "found keys" + at + ": " + String.join(", ", keys) + (count > KEYS_SHOWN ? ", ..." : "");
  }

  private static String toIndex(JsonParser parser, int index, String at) throws IOException {
    int count = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (count++ == index) {
        return null;
      }
      parser.skipChildren();
    }
    return "found an array of " + count + " element" + (count == 1 ? "" : "s") + at;
  }
}
