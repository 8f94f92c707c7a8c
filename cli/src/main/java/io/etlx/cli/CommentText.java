package io.etlx.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Comment lines of generated files ({@code #} in Python and YAML): text from a project stays on its
 * line, whatever it holds, so it can never end the comment and start code.
 */
final class CommentText {
  private CommentText() {}

  /**
   * {@code text} as one line: line breaks and other control characters (and the Unicode line and
   * paragraph separators, which YAML 1.1 reads as line breaks) become spaces.
   */
  static String line(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c));
    return out.toString();
  }

  /** {@code words}, indented by two spaces, on lines of at most {@code width} characters. */
  static List<String> wrapped(Iterable<String> words, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(" ");
    for (String word : words) {
      if (line.length() > 1 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line = new StringBuilder(" ");
      }
      line.append(' ').append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
