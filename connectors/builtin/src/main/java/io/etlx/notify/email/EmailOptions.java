package io.etlx.notify.email;

import io.etlx.spi.PluginOptions;
import java.time.Duration;
import java.util.List;

/**
 * The options of one email notifier as unresolved templates (defaults applied): they are resolved
 * when a notification is sent, and shown redacted in messages. {@code username}, {@code password}
 * and {@code subjectPrefix} are null when not set.
 */
record EmailOptions(
    List<String> to,
    String from,
    String smtpHost,
    int smtpPort,
    String username,
    String password,
    boolean starttls,
    Duration timeout,
    String subjectPrefix) {

  EmailOptions {
    to = List.copyOf(to);
  }

  static EmailOptions of(PluginOptions spec) {
    return new EmailOptions(
        to(spec),
        spec.string("from", "etlx@localhost"),
        spec.string("smtp_host", "localhost"),
        (int) spec.integer("smtp_port", 25),
        spec.string("username", null),
        spec.string("password", null),
        spec.bool("starttls", false),
        Duration.ofSeconds(spec.integer("timeout_seconds", 10)),
        spec.string("subject_prefix", null));
  }

  /** {@code to} is one string (maybe a comma-separated list) or a list of them. */
  static List<String> to(PluginOptions spec) {
    if (spec.isList("to")) {
      return spec.list("to");
    }
    return spec.has("to") ? List.of(spec.string("to", "")) : List.of();
  }
}
