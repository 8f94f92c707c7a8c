package io.etlx.csv;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;

/**
 * Strict UTF-8 validation of bytes kept as they are: a file in another encoding fails here rather
 * than turning characters into U+FFFD in the warehouse.
 */
final class Utf8 {
  private Utf8() {}

  /**
   * @param firstLine the line of {@code data[0]}, to name the line of a bad byte
   */
  static void check(byte[] data, int length, int firstLine, String from) {
    int i = 0;
    while (i < length) {
      int b = data[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int size = sequence(data, i, length);
      if (size == 0) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            from
                + " is not valid UTF-8 text (line "
                + line(data, i, firstLine)
                + "); set 'encoding' to the file's encoding");
      }
      i += size;
    }
  }

  /** The length of the well-formed sequence at {@code i}, or 0 (RFC 3629: no overlongs). */
  private static int sequence(byte[] data, int i, int length) {
    int b = data[i] & 0xFF;
    int size;
    int min;
    if (b >= 0xC2 && b <= 0xDF) {
      size = 2;
      min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      size = 3;
      min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      size = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + size > length) {
      return 0;
    }
    int code = b & (0xFF >> (size + 1));
    for (int k = 1; k < size; k++) {
      int c = data[i + k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        return 0;
      }
      code = (code << 6) | (c & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return 0;
    }
    return size;
  }

  private static int line(byte[] data, int upTo, int firstLine) {
    int line = firstLine;
    for (int i = 0; i < upTo; i++) {
      if (data[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
