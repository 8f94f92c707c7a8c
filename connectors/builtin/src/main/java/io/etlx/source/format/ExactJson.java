package io.etlx.source.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.etlx.spi.RecordSink;

/**
 * The one mapper sources parse with. Decimals stay {@link java.math.BigDecimal} with their trailing
 * zeros: a rate of 73.123456789 must reach a {@code decimal(18,6)} column as written, not as the
 * nearest double. A string longer than {@link RecordSink#MAX_VALUE_CHARS} is refused as it is read.
 */
public final class ExactJson {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(RecordSink.MAX_VALUE_CHARS)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** One value per line: {@code {"a":1} {"b":2}} on one line is an error, not the first object. */
  static final ObjectReader LINE =
      MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ExactJson() {}
}
