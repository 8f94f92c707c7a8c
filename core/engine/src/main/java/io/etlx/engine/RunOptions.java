package io.etlx.engine;

import io.etlx.state.Stage;
import java.time.Duration;

/**
 * How a run treats stages that already succeeded. {@code fromStage} (may be null) reruns that stage
 * and the ones after it; {@code force} reruns transform, load and notify; extract only fetches
 * again with {@code reExtract}, which keeps the older raw copy. {@code waitForUpstream}: how long a
 * run waits for the pipelines it depends on to load its date before it fails.
 */
public record RunOptions(
    Stage fromStage, boolean force, boolean reExtract, Duration waitForUpstream) {
  public static final RunOptions DEFAULT = new RunOptions(null, false, false);

  public RunOptions {
    waitForUpstream = waitForUpstream == null ? Duration.ZERO : waitForUpstream;
  }

  /** Without waiting for upstream pipelines: a run whose upstream has not loaded fails at once. */
  public RunOptions(Stage fromStage, boolean force, boolean reExtract) {
    this(fromStage, force, reExtract, Duration.ZERO);
  }

  boolean rerun(Stage stage) {
    if (stage == Stage.EXTRACT) {
      return reExtract;
    }
    return force || (fromStage != null && stage.compareTo(fromStage) >= 0);
  }
}
