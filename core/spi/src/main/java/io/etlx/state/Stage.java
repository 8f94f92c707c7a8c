package io.etlx.state;

import java.util.Locale;

/** The stages of a run, in order. Each is a separate, idempotent, retryable execution. */
public enum Stage {
  EXTRACT,
  TRANSFORM,
  LOAD,
  NOTIFY;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage fromName(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
