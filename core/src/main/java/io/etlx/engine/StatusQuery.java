package io.etlx.engine;

import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.validate.ResolvedPipeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest execution of every stage of a pipeline in one environment, each with a note saying why a
 * rerun would run it again: the raw data or the spec changed since it succeeded, or it never finished.
 */
public final class StatusQuery {
  private StatusQuery() {}

  public static List<StageStatusRow> of(EnvironmentSession session, ResolvedPipeline resolved, LocalDate only) {
    Fingerprints fingerprints = Fingerprints.of(resolved.tree(), resolved.environment());
    List<StageStatusRow> rows = new ArrayList<>();
    for (StageRun run : session.state().latest(resolved.pipeline().name(), resolved.environment().name())) {
      LocalDate date = run.key().run().date();
      if (only == null || only.equals(date)) {
        rows.add(new StageStatusRow(run, note(session, run, fingerprints)));
      }
    }
    return rows;
  }

  private static String note(EnvironmentSession session, StageRun run, Fingerprints fingerprints) {
    if (run.status() == StageStatus.RUNNING) {
      return "did not finish (running now, or the worker died); a rerun resumes it";
    }
    if (run.status() == StageStatus.FAILED) {
      return run.error();
    }
    PartitionKey partition = new PartitionKey(run.key().run().pipeline(), run.key().run().date());
    Optional<RawManifest> raw = session.rawStore().manifest(partition);
    if (run.key().stage() == Stage.TRANSFORM && raw.isPresent()) {
      return TransformStage.staleReason(run, raw.get(), fingerprints.transform());
    }
    if (run.key().stage() == Stage.LOAD && !fingerprints.load().equals(run.specFingerprint())) {
      return "stale: load spec changed since it last ran";
    }
    if (run.key().stage() == Stage.EXTRACT && raw.isEmpty()) {
      return "raw partition missing: a rerun extracts again";
    }
    return "";
  }
}
