package io.etlx.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line: {@code ts} (UTC, ISO-8601), {@code level}, {@code logger}, {@code
 * message}, {@code host}, and when the line belongs to a run {@code pipeline}, {@code environment},
 * {@code date} (the logical date), {@code run_id}, {@code stage} and {@code attempt}; {@code error}
 * holds a stack trace when there is one. Keys are stable: a log pipeline can index them.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  /** The run fields, in the order they are written. */
  static final List<String> RUN_FIELDS =
      List.of("pipeline", "environment", "date", "run_id", "stage", "attempt");

  private static final JsonFactory JSON = new JsonFactory();
  private final String host = host();

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("message", event.getFormattedMessage());
      json.writeStringField("host", host);
      Map<String, String> mdc = event.getMDCPropertyMap();
      for (String field : RUN_FIELDS) {
        String value = mdc.get(field);
        if (value != null) {
          json.writeStringField(field, value);
        }
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        json.writeStringField("error", ThrowableProxyUtil.asString(error));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    line.write('\n');
    return line.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  private static String host() {
    String name = System.getenv("HOSTNAME");
    if (name != null && !name.isBlank()) {
      return name;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
