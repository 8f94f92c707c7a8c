package io.etlx.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.source.format.ExactJson;
import io.etlx.spi.RecordSink;
import java.util.List;
import java.util.function.Consumer;

/**
 * A source's plain records as JSON objects, so tests compare them as the raw partition stores them.
 */
public final class Records {
  private Records() {}

  public static RecordSink into(List<ObjectNode> records) {
    return each(records::add);
  }

  public static RecordSink each(Consumer<ObjectNode> consumer) {
    return record -> consumer.accept(ExactJson.MAPPER.valueToTree(record));
  }
}
