package io.etlx.source.jdbc;

import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resolved values of the process variables (the secrets) the connection and parameters were built
 * from, to turn them back into {@code ${NAME}} in driver messages, which may quote the URL or a value.
 */
final class SecretValues {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]+}");

  /** Longest first, so that a secret inside another one does not leave the rest of it visible. */
  private final Map<String, String> replacements = new TreeMap<>(
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

  SecretValues(Interpolator interpolator, Collection<String> templates) {
    for (String template : templates) {
      Matcher reference = REFERENCE.matcher(interpolator.redact(template));
      while (reference.find()) {
        String value = valueOf(interpolator, reference.group());
        if (!value.isEmpty()) {
          replacements.put(value, reference.group());
        }
      }
    }
  }

  String mask(String text) {
    if (text == null) {
      return "";
    }
    for (Map.Entry<String, String> secret : replacements.entrySet()) {
      text = text.replace(secret.getKey(), secret.getValue());
    }
    return text;
  }

  private static String valueOf(Interpolator interpolator, String reference) {
    try {
      return interpolator.resolve(reference);
    } catch (EtlxException e) {
      return ""; // an escaped $${…} left as text: not a variable, so nothing to hide
    }
  }
}
