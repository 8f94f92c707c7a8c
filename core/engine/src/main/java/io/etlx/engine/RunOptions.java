package io.etlx.engine;

import io.etlx.state.Stage;

/**
 * How a run treats stages that already succeeded. {@code fromStage} (may be null) reruns that stage
 * and the ones after it; {@code force} reruns transform, load and notify; extract only fetches
 * again with {@code reExtract}, which keeps the older raw copy.
 */
public record RunOptions(Stage fromStage, boolean force, boolean reExtract) {
  public static final RunOptions DEFAULT = new RunOptions(null, false, false);

  boolean rerun(Stage stage) {
    if (stage == Stage.EXTRACT) {
      return reExtract;
    }
    return force || (fromStage != null && stage.compareTo(fromStage) >= 0);
  }
}
