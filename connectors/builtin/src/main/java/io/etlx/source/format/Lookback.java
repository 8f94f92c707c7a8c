package io.etlx.source.format;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incremental source's {@code lookback}: how far below the last mark to read again — a duration
 * ({@code 2h}, {@code 30m}, {@code 1d}, {@code 90s}) for a time cursor, a number for a numeric one.
 */
public final class Lookback {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(d|h|m|s)");

  private Lookback() {}

  /** What is wrong with {@code text} as a lookback, as {@code incremental.lookback: …}; or null. */
  public static String problem(String text) {
    if (text == null || duration(text).isPresent() || isNumber(text)) {
      return null;
    }
    return "incremental.lookback: '"
        + text
        + "' is not a lookback: write e.g. 2h, 30m, 1d (a time cursor) or a number (a numeric"
        + " cursor)";
  }

  /** The lookback as a duration, when it is written as one. */
  public static Optional<Duration> duration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        });
  }

  public static boolean isNumber(String text) {
    try {
      new BigDecimal(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
