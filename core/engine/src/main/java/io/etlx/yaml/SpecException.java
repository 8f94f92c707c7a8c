package io.etlx.yaml;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.util.List;
import java.util.stream.Collectors;

/** Raised when specs do not validate; carries every problem found in one pass, sorted by place. */
public final class SpecException extends EtlxException {
  private final List<Problem> problems;

  public SpecException(List<Problem> problems) {
    super(problems.isEmpty() ? ErrorCode.INTERNAL : problems.get(0).code(), render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    return problems.stream().map(Problem::render).collect(Collectors.joining("\n"));
  }
}
