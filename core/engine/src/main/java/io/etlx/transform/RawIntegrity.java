package io.etlx.transform;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;

/**
 * A raw partition that no longer reads as what was extracted — replaced, truncated or damaged — is
 * never loaded, and never called retryable: the way out is to fetch it again.
 */
final class RawIntegrity {
  private RawIntegrity() {}

  static void check(String what, String expected, String actual) {
    if (expected != null && !expected.equals(actual)) {
      throw new EtlxException(
          ErrorCode.CORRUPT_DATA,
          what
              + ": the raw partition's records have checksum "
              + actual
              + " but its manifest records "
              + expected
              + ": the raw copy was replaced or damaged since it"
              + " was extracted; fetch it again with --re-extract");
    }
  }

  static EtlxException damaged(String what, Exception e) {
    return new EtlxException(
        ErrorCode.CORRUPT_DATA,
        what
            + ": the raw partition is damaged ("
            + e.getClass().getSimpleName()
            + ": "
            + firstLine(e.getMessage())
            + "); fetch it again with --re-extract",
        e);
  }

  private static String firstLine(String message) {
    return message == null ? "no detail" : message.lines().findFirst().orElse("").strip();
  }
}
