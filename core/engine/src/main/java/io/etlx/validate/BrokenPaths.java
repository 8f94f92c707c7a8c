package io.etlx.validate;

import java.util.HashSet;
import java.util.Set;

/**
 * The places (as {@code /a/b} paths) where the schema check found a problem, so that the semantic
 * checks that follow skip exactly those nodes instead of reporting follow-on errors, and still
 * check everything else in the same pass.
 */
final class BrokenPaths {
  private final Set<String> paths = new HashSet<>();

  void add(String path) {
    paths.add(path);
  }

  /** Whether a problem was found at {@code path} or anywhere below it. */
  boolean within(String path) {
    for (String broken : paths) {
      if (broken.equals(path) || broken.startsWith(path + "/")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a problem was found at {@code path} itself (wrong type, missing). */
  boolean at(String path) {
    return paths.contains(path);
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }
}
