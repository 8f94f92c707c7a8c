package io.etlx.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A duration written {@code 45s}, {@code 90m}, {@code 2h} or {@code 1d}, or ISO-8601 ({@code
 * PT2H}); more than zero.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

  @Override
  public Duration convert(String text) {
    Duration duration = parse(text.strip().toLowerCase(Locale.ROOT));
    if (duration == null || duration.isZero() || duration.isNegative() || duration.getNano() != 0) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration: use e.g. 45s, 90m, 2h or 1d");
    }
    return duration;
  }

  private static Duration parse(String text) {
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
