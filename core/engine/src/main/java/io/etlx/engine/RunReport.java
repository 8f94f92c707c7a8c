package io.etlx.engine;

import io.etlx.error.EtlxException;
import io.etlx.state.RunKey;
import java.util.List;

/** The outcome of one run; {@code failure} is null when every stage succeeded or was skipped. */
public record RunReport(RunKey key, List<StageReport> stages, EtlxException failure) {
  public RunReport {
    stages = List.copyOf(stages);
  }

  public boolean succeeded() {
    return failure == null;
  }
}
