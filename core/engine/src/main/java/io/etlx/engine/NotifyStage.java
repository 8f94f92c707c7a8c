package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.NotifierSpec;
import io.etlx.spi.Notification;
import io.etlx.spi.NotifyEvent;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.state.StageRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends the run's outcome through the pipeline's notifiers, as a stage of its own: its failure
 * fails the run but never re-runs a load, and a rerun retries only the notification.
 */
final class NotifyStage {
  private NotifyStage() {}

  static void success(RunContext ctx, LoadStage.Loaded loaded) {
    StageInputs inputs = inputs(ctx.pipeline.transform().version(), loaded.loadId());
    RerunRule.Decision decision = ctx.decide(Stage.NOTIFY, inputs, new Evidence.None());
    if (decision.run() && loaded.beforeHistory() && ctx.last(Stage.NOTIFY).isEmpty()) {
      ctx.runner.adopt(
          ctx.stage(Stage.NOTIFY),
          inputs,
          0,
          null,
          StageContext.notified(loaded.loadId(), List.of()));
      ctx.skipped(
          Stage.NOTIFY,
          0,
          "the load was committed by a run this state store has no record of;"
              + " its notification is not sent again");
      return;
    }
    if (!decision.run()) {
      ctx.skipped(Stage.NOTIFY, 0, decision.reason());
      return;
    }
    Notification notification =
        new Notification(
            ctx.key.pipeline(),
            ctx.key.environment(),
            ctx.key.date(),
            NotifyEvent.SUCCESS,
            null,
            null,
            null,
            loaded.rows(),
            loaded.skipped(),
            loaded.warnings(),
            ctx.info(Stage.LOAD));
    send(ctx, inputs, alreadySent(ctx, loaded.loadId()), notification);
  }

  static StageInputs inputs(int version, String loadId) {
    return new StageInputs(null, version, loadId);
  }

  /**
   * Reports a failed stage; a failure to notify is logged in the report but never hides the
   * original error.
   */
  static void failure(RunContext ctx, Stage failed, EtlxException error) {
    failure(ctx, failed.yamlName(), failed, error);
  }

  /** Reports a run that could not start (the lock is held, the state store is down). */
  static void failure(RunContext ctx, EtlxException error) {
    failure(ctx, "start", null, error);
  }

  /**
   * @param failedName the stage that failed, or {@code start} when the run could not start
   */
  private static void failure(
      RunContext ctx, String failedName, Stage failed, EtlxException error) {
    Notification notification =
        new Notification(
            ctx.key.pipeline(),
            ctx.key.environment(),
            ctx.key.date(),
            NotifyEvent.FAILURE,
            failedName,
            error.getMessage(),
            error.code(),
            0,
            false,
            List.of(),
            ctx.info(failed));
    // every failure is worth its own message, and the alert must go out even when the state store
    // is
    // what failed: nothing is read from it or recorded in it
    List<NotifierSpec> targets = targets(ctx, notification);
    List<String> failures = new ArrayList<>();
    for (NotifierSpec target : targets) {
      try {
        ctx.runner.retrying(
            ctx.retries,
            "notify " + target.plugin().type() + " of " + ctx.key,
            () -> {
              ctx.session.notifier(target.plugin(), ctx.key.date()).send(notification);
              return null;
            });
      } catch (EtlxException e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      ctx.failed(Stage.NOTIFY, String.join("; ", failures));
    } else if (!targets.isEmpty()) {
      ctx.ran(Stage.NOTIFY, targets.size(), "failure sent to " + types(targets));
    }
  }

  /**
   * The notifiers a notification goes to: those on its outcome, and for a success with warnings
   * those on warning too.
   */
  private static List<NotifierSpec> targets(RunContext ctx, Notification notification) {
    boolean warned =
        notification.outcome() == NotifyEvent.SUCCESS && !notification.warnings().isEmpty();
    return ctx.pipeline.notifiers().stream()
        .filter(
            n ->
                n.on().contains(notification.outcome())
                    || warned && n.on().contains(NotifyEvent.WARNING))
        .toList();
  }

  private static List<String> types(List<NotifierSpec> targets) {
    return targets.stream().map(n -> n.plugin().type()).toList();
  }

  /**
   * The notifiers that already sent the success notification about this load, in an earlier
   * attempt.
   */
  private static StageContext alreadySent(RunContext ctx, String loadId) {
    Optional<StageRun> last = ctx.last(Stage.NOTIFY);
    if (ctx.options.rerun(Stage.NOTIFY)
        || last.isEmpty()
        || loadId == null
        || !loadId.equals(last.get().context().loadId())) {
      return StageContext.notified(loadId, List.of());
    }
    return last.get().context();
  }

  private static void send(
      RunContext ctx, StageInputs inputs, StageContext already, Notification notification) {
    List<NotifierSpec> targets = targets(ctx, notification);
    // each notifier is retried on its own, and a rerun skips the ones that already sent this
    // notification,
    // so a failing webhook never makes a sent email go out twice
    ctx.runner.run(
        ctx.stage(Stage.NOTIFY),
        inputs,
        already,
        0,
        () -> {
          Set<Integer> sent = new TreeSet<>(already.sent());
          List<String> failures = new ArrayList<>();
          for (int i = 0; i < targets.size(); i++) {
            NotifierSpec target = targets.get(i);
            if (sent.contains(i)) {
              continue;
            }
            try {
              ctx.runner.retrying(
                  ctx.retries,
                  "notify " + target.plugin().type() + " of " + ctx.key,
                  () -> {
                    ctx.session.notifier(target.plugin(), ctx.key.date()).send(notification);
                    return null;
                  });
              sent.add(i);
            } catch (EtlxException e) {
              failures.add(e.getMessage());
            }
          }
          StageContext context = StageContext.notified(already.loadId(), new ArrayList<>(sent));
          if (!failures.isEmpty()) {
            throw new PartialFailure(
                new EtlxException(ErrorCode.NOTIFY_FAILED, String.join("; ", failures)), context);
          }
          return new StageOutcome(targets.size(), null, context);
        });
    String note =
        targets.isEmpty()
            ? "no notifier for " + notification.outcome().name().toLowerCase()
            : "sent to "
                + targets.stream().map(n -> n.plugin().type()).toList()
                + (notification.warnings().isEmpty()
                    ? ""
                    : " with " + notification.warnings().size() + " warning(s)");
    ctx.ran(Stage.NOTIFY, targets.size(), note);
  }
}
