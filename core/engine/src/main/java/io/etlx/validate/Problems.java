package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.yaml.Origin;
import io.etlx.yaml.Problem;
import io.etlx.yaml.SpecException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects problems of one validation pass, without duplicates, in the order found. */
public final class Problems {
  private final Set<Problem> problems = new LinkedHashSet<>();

  public void add(ErrorCode code, Origin origin, String message) {
    problems.add(Problem.at(code, origin, message));
  }

  public void add(Problem problem) {
    problems.add(problem);
  }

  public void addAll(Collection<Problem> more) {
    problems.addAll(more);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public int size() {
    return problems.size();
  }

  /** All problems, sorted by file, line and column. */
  public List<Problem> sorted() {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(null);
    return sorted;
  }

  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new SpecException(sorted());
    }
  }
}
