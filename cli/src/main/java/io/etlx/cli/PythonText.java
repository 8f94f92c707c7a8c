package io.etlx.cli;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Python source text for values that come from a project (names, descriptions, paths): string
 * literals that read back as exactly the given text (comments: {@link CommentText}). Generated code
 * never concatenates such text into code in any other way.
 */
final class PythonText {
  private PythonText() {}

  /**
   * A double-quoted Python string literal, ASCII only: backslash, quote and every character outside
   * printable ASCII escaped, so nothing in {@code text} can end the literal or the line.
   */
  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                  if (c >= 0x20 && c < 0x7f) {
                    out.append((char) c);
                  } else if (c <= 0xff) {
                    out.append(String.format("\\x%02x", c));
                  } else if (c <= 0xffff) {
                    out.append(String.format("\\u%04x", c));
                  } else {
                    out.append(String.format("\\U%08x", c));
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /** A Python list of string literals. */
  static String list(List<String> items) {
    return items.stream().map(PythonText::string).collect(Collectors.joining(", ", "[", "]"));
  }

  /** A {@code datetime.timedelta}, in the largest whole unit. */
  static String timedelta(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return "datetime.timedelta(days=" + seconds / 86_400 + ")";
    }
    if (seconds != 0 && seconds % 3600 == 0) {
      return "datetime.timedelta(hours=" + seconds / 3600 + ")";
    }
    if (seconds % 60 == 0) {
      return "datetime.timedelta(minutes=" + seconds / 60 + ")";
    }
    return "datetime.timedelta(seconds=" + seconds + ")";
  }
}
