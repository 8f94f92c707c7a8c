package io.etlx.spi;

import java.util.Locale;

/** Run outcomes a notifier can fire on. */
public enum NotifyEvent {
  SUCCESS,
  FAILURE;

  public static NotifyEvent fromYaml(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
