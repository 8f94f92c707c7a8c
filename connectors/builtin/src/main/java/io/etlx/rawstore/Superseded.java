package io.etlx.rawstore;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * How a replaced partition's copy is named, {@code DATE.TIMESTAMP} with the time it was replaced
 * ({@code 2020-12-01.2020-12-02T06-00-00.5Z}: colons are not allowed in every file name), the same
 * in every raw store.
 */
public final class Superseded {
  private Superseded() {}

  public static String name(LocalDate date, Instant replacedAt) {
    return date + "." + replacedAt.toString().replace(':', '-');
  }

  /**
   * When the copy named {@code name} (a trailing slash allowed) was replaced; {@link Instant#MIN}
   * for a name of another form. Names do not sort by time ({@code …00Z} after {@code …00.5Z}).
   */
  public static Instant replacedAt(String name) {
    String stamp = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    int dot = stamp.indexOf('.');
    int t = stamp.indexOf('T', dot + 1);
    if (dot < 0 || t < 0) {
      return Instant.MIN;
    }
    try {
      return Instant.parse(
          stamp.substring(dot + 1, t + 1) + stamp.substring(t + 1).replace('-', ':'));
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }
}
