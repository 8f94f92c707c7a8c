package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.NotifierSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spi.Notification;
import io.etlx.spi.NotifyEvent;
import io.etlx.validate.ResolvedPipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a pipeline with an {@code sla:} has loaded the latest date now due, from the state store;
 * a late date can be announced through the pipeline's failure notifiers (failed stage {@code sla},
 * error code {@code LATE}), so a late date alerts even when no run started at all.
 */
public final class SlaCheck {
  private SlaCheck() {}

  /** The pipeline's freshness at {@code now}; {@code due} is null when it declares no SLA. */
  public static Freshness of(EnvironmentSession session, ResolvedPipeline resolved, Instant now) {
    PipelineSpec pipeline = resolved.pipeline();
    String environment = resolved.environment().name();
    return Freshness.of(
        pipeline, environment, session.state().latest(pipeline.name(), environment), now);
  }

  /** One line on a late date: which, when it was due, the latest date loaded. */
  public static String describe(Freshness late) {
    return late.pipeline()
        + " "
        + late.due()
        + " ("
        + late.environment()
        + ") is not loaded; it was due by "
        + late.dueAt().toOffsetDateTime()
        + " (latest date loaded: "
        + (late.lastLoaded() == null ? "none" : late.lastLoaded())
        + ")";
  }

  /**
   * Sends the late date to the pipeline's failure notifiers.
   *
   * @return the notifiers that could not be reached, as messages (empty when all sent)
   */
  public static List<String> notifyLate(
      EnvironmentSession session, ResolvedPipeline resolved, Freshness late) {
    Notification notification =
        new Notification(
            late.pipeline(),
            late.environment(),
            late.due(),
            NotifyEvent.FAILURE,
            "sla",
            describe(late),
            ErrorCode.LATE,
            0,
            false,
            List.of(),
            null);
    List<String> failures = new ArrayList<>();
    for (NotifierSpec target : resolved.pipeline().notifiers()) {
      if (!target.on().contains(NotifyEvent.FAILURE)) {
        continue;
      }
      try {
        session.notifier(target.plugin(), late.due()).send(notification);
      } catch (EtlxException e) {
        failures.add(e.getMessage());
      }
    }
    return failures;
  }
}
