package io.etlx.source.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.spi.RecordSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JSON records as the plain values a {@link RecordSink} takes. Numbers keep their exact text (the
 * readers parse them as BigDecimal/BigInteger), field order is kept.
 */
public final class PlainRecords {
  private PlainRecords() {}

  /** A consumer of JSON records that emits each one, as plain values, to {@code out}. */
  public static Consumer<ObjectNode> to(RecordSink out) {
    return record -> out.emit(object(record));
  }

  static Map<String, Object> object(JsonNode node) {
    Map<String, Object> record = new LinkedHashMap<>();
    node.fields().forEachRemaining(field -> record.put(field.getKey(), value(field.getValue())));
    return record;
  }

  private static Object value(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> object(node);
      case ARRAY -> {
        List<Object> items = new ArrayList<>(node.size());
        node.forEach(item -> items.add(value(item)));
        yield items;
      }
      case STRING -> node.textValue();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue();
      default -> null;
    };
  }
}
