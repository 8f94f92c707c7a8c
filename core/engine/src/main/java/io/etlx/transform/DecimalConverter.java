package io.etlx.transform;

import io.etlx.spi.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fits a number to {@code decimal(p,s)}. Exact by default: a value with more fraction digits than s
 * is a bad value unless the column opts in to a rounding mode, since rounding changes the data
 * (1.005 is not 1.01). Trailing zeros beyond s (1.500 for s = 2) change nothing and are accepted.
 * Too many integer digits is always a bad value.
 */
final class DecimalConverter {
  private final ColumnType type;
  private final RoundingMode round;

  /**
   * @param round null: more fraction digits than the scale is a bad value
   */
  DecimalConverter(ColumnType type, RoundingMode round) {
    this.type = type;
    this.round = round;
  }

  /**
   * @param text the value as written, for messages
   */
  String convert(BigDecimal number, String text) throws BadValueException {
    long integerDigits = type.precision() - type.scale();
    // checked before scaling: 1e99999999 would otherwise expand to a hundred million digits
    if (integerDigits(number) > integerDigits) {
      throw new BadValueException("'" + text + "' has too many digits for " + type);
    }
    BigDecimal scaled = scaled(number, text);
    if (integerDigits(scaled) > integerDigits) { // rounding up may add one: 99.995 -> 100.00
      throw new BadValueException("'" + text + "' has too many digits for " + type);
    }
    return scaled.toPlainString();
  }

  private BigDecimal scaled(BigDecimal number, String text) throws BadValueException {
    int scale = type.scale();
    if (number.scale() <= scale) {
      return number.setScale(scale); // only appends zeros
    }
    // Far below the last place (under 10^-(s+1)) every rounding mode treats a value as its sign
    // does, so
    // ±10^-(s+2) stands in: scaling 1e-99999999 itself would divide by 10^99999999 and never
    // finish.
    boolean tiny = integerDigits(number) <= -(scale + 1L);
    BigDecimal fitting = tiny ? BigDecimal.valueOf(number.signum(), scale + 2) : number;
    if (round != null) {
      return fitting.setScale(scale, round);
    }
    try {
      return fitting.setScale(scale, RoundingMode.UNNECESSARY); // exact, or ArithmeticException
    } catch (ArithmeticException e) {
      throw new BadValueException(
          "'"
              + text
              + "' has more than "
              + scale
              + " decimal places for "
              + type
              + ": fix the source data, or let the column round with 'round: half_up' (or"
              + " half_even)");
    }
  }

  /** Digits before the point, negative for small fractions (0.001 has -2); 0 for zero. */
  static long integerDigits(BigDecimal number) {
    return number.signum() == 0 ? 0 : (long) number.precision() - number.scale();
  }
}
