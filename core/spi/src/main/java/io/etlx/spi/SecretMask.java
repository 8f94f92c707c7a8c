package io.etlx.spi;

import io.etlx.error.EtlxException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resolved values of the process variables (the secrets) some option templates reference, to
 * turn them back into {@code ${NAME}} in text etlx did not write itself, such as a driver's or
 * server's error message. Every plug-in that shows third-party text uses it.
 */
public final class SecretMask {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]+}");

  /** Longest first, so that a secret inside another one does not leave the rest of it visible. */
  private final Map<String, String> replacements =
      new TreeMap<>(
          Comparator.comparingInt(String::length)
              .reversed()
              .thenComparing(Comparator.naturalOrder()));

  /**
   * @param templates option values as written (null ones are skipped)
   */
  public SecretMask(Templates interpolator, Collection<String> templates) {
    for (String template : templates) {
      if (template == null) {
        continue;
      }
      Matcher reference = REFERENCE.matcher(interpolator.redact(template));
      while (reference.find()) {
        String value = valueOf(interpolator, reference.group());
        if (!value.isEmpty()) {
          replacements.put(value, reference.group());
          replacements.put(URLEncoder.encode(value, StandardCharsets.UTF_8), reference.group());
        }
      }
    }
  }

  public String apply(String text) {
    if (text == null) {
      return "";
    }
    for (Map.Entry<String, String> secret : replacements.entrySet()) {
      text = text.replace(secret.getKey(), secret.getValue());
    }
    return text;
  }

  /**
   * {@code cause} when nothing it would print (messages, causes, suppressed) holds a secret, else
   * null.
   */
  public Throwable safeCause(Throwable cause) {
    StringWriter printed = new StringWriter();
    cause.printStackTrace(new PrintWriter(printed));
    String text = printed.toString();
    return replacements.keySet().stream().anyMatch(text::contains) ? null : cause;
  }

  private static String valueOf(Templates interpolator, String reference) {
    try {
      return interpolator.resolve(reference);
    } catch (EtlxException e) {
      return ""; // an escaped $${…} left as text: not a variable, so nothing to hide
    }
  }
}
