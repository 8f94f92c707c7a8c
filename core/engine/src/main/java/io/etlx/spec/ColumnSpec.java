package io.etlx.spec;

import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * One output column. {@code format} is the pattern used to parse dates and timestamps from text
 * (null: ISO-8601). {@code round} is how a decimal column rounds a value with more fraction digits
 * than its scale (YAML {@code round: half_up}); null: such a value is a bad value, never rounded
 * silently. {@code checks} are the data checks declared on the column (YAML {@code checks:}),
 * evaluated by the warehouse on every batch before it is merged.
 */
public record ColumnSpec(
    String name,
    ColumnSource source,
    ColumnType type,
    String format,
    RoundingMode round,
    List<DataCheck> checks) {
  /** The YAML spellings of {@code round:}. */
  public static final List<String> ROUNDING_MODES = List.of("half_up", "half_even");

  public ColumnSpec {
    checks = List.copyOf(checks);
  }

  /** A column without data checks. */
  public ColumnSpec(
      String name, ColumnSource source, ColumnType type, String format, RoundingMode round) {
    this(name, source, type, format, round, List.of());
  }

  /** A column that rounds nothing. */
  public ColumnSpec(String name, ColumnSource source, ColumnType type, String format) {
    this(name, source, type, format, null);
  }

  /**
   * The rounding mode a YAML spelling names, or null when it names none of {@link #ROUNDING_MODES}.
   */
  public static RoundingMode rounding(String yaml) {
    return ROUNDING_MODES.contains(yaml)
        ? RoundingMode.valueOf(yaml.toUpperCase(Locale.ROOT))
        : null;
  }
}
