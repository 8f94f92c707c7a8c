package io.etlx.cli;

import io.etlx.engine.EngineSettings;
import io.etlx.engine.RunOptions;
import io.etlx.state.Stage;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code backfill}. */
final class RunOptionsMixin {
  @Option(
      names = "--env",
      completionCandidates = CompletionCommand.Environments.class,
      required = true,
      paramLabel = "NAME",
      description = "Environment overlay (environments/NAME.yaml).")
  String environment;

  @Option(
      names = "--from-stage",
      paramLabel = "STAGE",
      description = "Rerun from this stage on: extract, transform, load or notify.",
      converter = StageConverter.class)
  Stage fromStage;

  @Option(
      names = "--force",
      description = "Rerun transform, load and notify even if they succeeded.")
  boolean force;

  @Option(
      names = "--re-extract",
      description = "Fetch the source again; the older raw copy is kept.")
  boolean reExtract;

  @Option(
      names = "--dry-run",
      description =
          "Show, for each stage, whether it would run or be skipped and why, and the DDL the load"
              + " would apply first; runs nothing and writes nothing.")
  boolean dryRun;

  @Option(
      names = "--retries",
      paramLabel = "N",
      description = "Retries of a stage on transient failures (default: ${DEFAULT-VALUE}).")
  int retries = EngineSettings.DEFAULT.retries();

  @Option(
      names = "--wait-for-upstream",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "When a pipeline in depends_on has not loaded the date yet, wait up to this long (e.g."
              + " 30m, 2h, 90s), looking again now and then, instead of failing at once.")
  Duration waitForUpstream = Duration.ZERO;

  @Option(names = "--retry-backoff-ms", hidden = true, paramLabel = "MS")
  long backoffMillis = EngineSettings.DEFAULT.backoff().toMillis();

  RunOptions options() {
    return new RunOptions(fromStage, force, reExtract, waitForUpstream);
  }

  EngineSettings settings() {
    return EngineSettings.DEFAULT.withRetries(retries, Duration.ofMillis(backoffMillis));
  }

  static final class StageConverter implements picocli.CommandLine.ITypeConverter<Stage> {
    @Override
    public Stage convert(String value) {
      try {
        return Stage.fromName(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a stage: use extract, transform, load or notify");
      }
    }
  }
}
