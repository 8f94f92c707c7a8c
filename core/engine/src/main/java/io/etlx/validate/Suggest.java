package io.etlx.validate;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for misspelt keys, types and names. */
public final class Suggest {
  private Suggest() {}

  /**
   * The closest candidate: one edit away for short words, up to a third of the word's length for
   * longer ones; or a candidate that starts with the word ({@code timeout} → {@code
   * timeout_seconds}).
   */
  public static String nearest(String word, Collection<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = (word.length() <= 4 ? 1 : Math.max(2, word.length() / 3)) + 1;
    for (String candidate : candidates) {
      String other = candidate.toLowerCase(Locale.ROOT);
      int distance = lower.length() >= 4 && other.startsWith(lower) ? 1 : distance(lower, other);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Edit distance counting a swap of two neighbours as one edit ({@code dve} → {@code dev}). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** {@code " (did you mean 'x'?)"}, or an empty string when nothing is close. */
  public static String didYouMean(String word, Collection<String> candidates) {
    String nearest = nearest(word, candidates);
    return nearest == null ? "" : " (did you mean '" + nearest + "'?)";
  }

  /** {@code " (did you mean 'x'? known: a, b, c)"}: for closed lists short enough to print. */
  public static String knownList(String word, Collection<String> candidates) {
    String nearest = nearest(word, candidates);
    String known = "known: " + String.join(", ", candidates);
    return nearest == null
        ? " (" + known + ")"
        : " (did you mean '" + nearest + "'? " + known + ")";
  }
}
