package io.etlx.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a source's plain records as NDJSON, one object per line, keeping field order and the exact
 * text of numbers (a BigDecimal is written as it came, never through a double).
 */
final class RawRecordWriter {
  private final JsonGenerator json;

  RawRecordWriter(JsonGenerator json) {
    this.json = json;
  }

  void write(Map<String, ?> record) throws IOException {
    value(record);
    json.writeRaw('\n');
  }

  private void value(Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> field : map.entrySet()) {
        json.writeFieldName(String.valueOf(field.getKey()));
        value(field.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        value(item);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException(
          "a source emitted a "
              + value.getClass().getName()
              + "; records hold only strings, numbers, booleans, nulls, lists and maps");
    }
  }
}
