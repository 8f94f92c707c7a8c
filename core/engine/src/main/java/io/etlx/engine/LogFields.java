package io.etlx.engine;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Fields every log line of a run carries (pipeline, environment, date, run id; the stage runner
 * adds stage and attempt), in the logging context of the thread running it: a JSON log format
 * prints them, so a log search finds a run's lines. Closing restores what was there before.
 */
final class LogFields implements AutoCloseable {
  private final Map<String, String> previous;

  private LogFields(Map<String, String> previous) {
    this.previous = previous;
  }

  static LogFields of(Map<String, String> fields) {
    Map<String, String> previous = new HashMap<>();
    for (var field : fields.entrySet()) {
      previous.put(field.getKey(), MDC.get(field.getKey()));
      MDC.put(field.getKey(), field.getValue());
    }
    return new LogFields(previous);
  }

  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
