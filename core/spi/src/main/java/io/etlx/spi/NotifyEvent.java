package io.etlx.spi;

import java.util.Locale;

/**
 * Run outcomes a notifier can fire on. {@code WARNING} is a success whose load had data checks fail
 * without stopping it (severity warn or quarantine): a notifier on it gets that success
 * notification, and no other.
 */
public enum NotifyEvent {
  SUCCESS,
  FAILURE,
  WARNING;

  public static NotifyEvent fromYaml(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
