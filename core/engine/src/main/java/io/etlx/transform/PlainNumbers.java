package io.etlx.transform;

/**
 * The common case of a number written as text, converted without {@code BigInteger} or {@code
 * BigDecimal}: plain digits already in canonical form. Anything else (a sign {@code +}, leading
 * zeros, spaces, exponents, more digits than fit for sure, more fraction digits than the scale)
 * answers null, and the exact general conversion decides.
 */
final class PlainNumbers {
  private PlainNumbers() {}

  /**
   * {@code text} itself when it is {@code 0} or an optional {@code -} and at most {@code maxDigits}
   * digits without a leading zero; else null.
   */
  static String integral(String text, int maxDigits) {
    int length = text.length();
    int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
    int digits = length - start;
    if (digits < 1 || digits > maxDigits) {
      return null;
    }
    if (text.charAt(start) == '0') {
      return digits == 1 && start == 0 ? text : null;
    }
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return text;
  }

  /**
   * The canonical text of {@code decimal(precision, scale)} (fraction padded with zeros to the
   * scale) for an optional {@code -}, an integer part without leading zeros that fits, and an
   * optional point with at most {@code scale} digits after it; else null.
   */
  static String decimal(String text, int precision, int scale) {
    int length = text.length();
    int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
    int point = -1;
    boolean nonZero = false;
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (point >= 0) {
          return null;
        }
        point = i;
      } else if (c >= '0' && c <= '9') {
        nonZero |= c != '0';
      } else {
        return null;
      }
    }
    int end = point < 0 ? length : point;
    int integerDigits = end - start;
    int fractionDigits = point < 0 ? 0 : length - point - 1;
    if (integerDigits < 1
        || point >= 0 && fractionDigits < 1
        || fractionDigits > scale
        || integerDigits > 1 && text.charAt(start) == '0'
        || start == 1 && !nonZero) { // -0.00 is 0.00
      return null;
    }
    boolean zeroInteger = integerDigits == 1 && text.charAt(start) == '0';
    if (!zeroInteger && integerDigits > precision - scale) {
      return null;
    }
    if (fractionDigits == scale) {
      return text;
    }
    StringBuilder out = new StringBuilder(length + 1 + scale - fractionDigits).append(text);
    if (point < 0) {
      out.append('.');
    }
    for (int i = fractionDigits; i < scale; i++) {
      out.append('0');
    }
    return out.toString();
  }
}
