package io.etlx.transform;

/**
 * A value that does not fit its column's declared type; the transform turns it into a bad-row
 * error.
 */
final class BadValueException extends Exception {
  BadValueException(String message) {
    super(message, null, false, false);
  }
}
