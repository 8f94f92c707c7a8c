package io.etlx.validate;

import java.util.Collection;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean …?" for misspelt keys, types and names. */
public final class Suggest {
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private Suggest() {}

  /** The closest candidate within a third of the word's length (at least 2 edits), or null. */
  public static String nearest(String word, Collection<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Math.max(2, word.length() / 3) + 1;
    for (String candidate : candidates) {
      int distance = DISTANCE.apply(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
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
    return nearest == null ? " (" + known + ")" : " (did you mean '" + nearest + "'? " + known + ")";
  }
}
