package io.etlx.cli;

import java.util.Map;

/**
 * The one output style of the commands: outcome words colored on a terminal — green for done,
 * yellow for stale or warned, red for failed, blue for running, dim for skipped or absent — and
 * plain text when the output is piped or {@code NO_COLOR} is set (no-color.org). Pad before
 * coloring, so columns stay aligned.
 */
final class Style {
  static final Style PLAIN = new Style(false);

  private static final String RESET = "\u001b[0m";

  private final boolean colors;

  private Style(boolean colors) {
    this.colors = colors;
  }

  /** Colors only on a terminal, and never with NO_COLOR set. */
  static Style of(Map<String, String> env) {
    return new Style(System.console() != null && !env.containsKey("NO_COLOR"));
  }

  String good(String text) {
    return paint("\u001b[32m", text);
  }

  String warn(String text) {
    return paint("\u001b[33m", text);
  }

  String bad(String text) {
    return paint("\u001b[31m", text);
  }

  String busy(String text) {
    return paint("\u001b[34m", text);
  }

  String dim(String text) {
    return paint("\u001b[2m", text);
  }

  private String paint(String color, String text) {
    return colors ? color + text + RESET : text;
  }
}
