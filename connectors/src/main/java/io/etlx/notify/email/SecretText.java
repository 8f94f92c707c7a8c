package io.etlx.notify.email;

import io.etlx.interpolate.Interpolator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps resolved secrets out of error messages. Server replies and mail-library texts are not ours, so
 * anything shown from them is scrubbed, and a cause whose printout holds a secret is dropped.
 */
final class SecretText {
  private final Map<String, String> shownBySecret;

  private SecretText(Map<String, String> shownBySecret) {
    this.shownBySecret = shownBySecret;
  }

  /**
   * The secrets in the given option templates (null ones skipped): the resolved values of process
   * variables, and the password whatever it holds.
   */
  static SecretText of(Interpolator interpolator, String host, String username, String password) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String template : new String[] {host, username}) {
      if (template != null) {
        put(secrets, interpolator.resolve(template), interpolator.redact(template));
      }
    }
    if (password != null) {
      String resolved = interpolator.resolve(password);
      String shown = interpolator.redact(password);
      put(secrets, resolved, shown.equals(resolved) ? "***" : shown);
    }
    return new SecretText(secrets);
  }

  private static void put(Map<String, String> secrets, String resolved, String shown) {
    if (!resolved.isEmpty() && !resolved.equals(shown)) {
      secrets.put(resolved, shown);
    }
  }

  String scrub(String text) {
    String out = text;
    for (Map.Entry<String, String> secret : shownBySecret.entrySet()) {
      out = out.replace(secret.getKey(), secret.getValue());
    }
    return out;
  }

  /** {@code cause} when nothing it would print (messages, causes, suppressed) holds a secret, else null. */
  Throwable safeCause(Throwable cause) {
    StringWriter printed = new StringWriter();
    cause.printStackTrace(new PrintWriter(printed));
    String text = printed.toString();
    return shownBySecret.keySet().stream().anyMatch(text::contains) ? null : cause;
  }
}
