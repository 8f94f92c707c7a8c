package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.NotifierSpec;
import io.etlx.spec.NotifyEvent;
import io.etlx.spi.Notification;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends the run's outcome through the pipeline's notifiers, as a stage of its own: its failure fails
 * the run but never re-runs a load, and a rerun retries only the notification.
 */
final class NotifyStage {
  private NotifyStage() {}

  static void success(RunContext ctx, LoadStage.Loaded loaded) {
    String input = loaded.identity();
    Optional<StageRun> last = ctx.last(Stage.NOTIFY);
    if (!ctx.options.rerun(Stage.NOTIFY) && last.isPresent() && last.get().status() == StageStatus.SUCCEEDED
        && input.equals(last.get().inputChecksum())) {
      ctx.skipped(Stage.NOTIFY, 0, "already notified for this load");
      return;
    }
    Notification notification = new Notification(ctx.key.pipeline(), ctx.key.environment(), ctx.key.date(),
        NotifyEvent.SUCCESS, null, null, loaded.rows());
    send(ctx, input, notification);
  }

  /** Reports a failed stage; a failure to notify is logged in the report but never hides the original error. */
  static void failure(RunContext ctx, Stage failed, EtlxException error) {
    Notification notification = new Notification(ctx.key.pipeline(), ctx.key.environment(), ctx.key.date(),
        NotifyEvent.FAILURE, failed.yamlName(), error.getMessage(), 0);
    try {
      send(ctx, "failure:" + failed.yamlName(), notification);
    } catch (EtlxException e) {
      ctx.failed(Stage.NOTIFY, e.getMessage());
    }
  }

  private static final String SENT = "sent:";

  /** The notifiers (by position) that already sent the notification for {@code input} in an earlier attempt. */
  private static Set<Integer> alreadySent(RunContext ctx, String input) {
    Set<Integer> sent = new TreeSet<>();
    Optional<StageRun> last = ctx.last(Stage.NOTIFY);
    // only a success notification is "the same" across attempts; every failure is worth its own message
    boolean sameLoad = input.startsWith("load#") && last.isPresent() && input.equals(last.get().inputChecksum());
    if (sameLoad && !ctx.options.rerun(Stage.NOTIFY)) {
      String output = last.get().outputChecksum();
      if (output != null && output.startsWith(SENT + "[") && output.length() > SENT.length() + 2) {
        for (String index : output.substring(SENT.length() + 1, output.length() - 1).split(",\\s*")) {
          sent.add(Integer.parseInt(index));
        }
      }
    }
    return sent;
  }

  private static void send(RunContext ctx, String input, Notification notification) {
    List<NotifierSpec> targets = ctx.pipeline.notifiers().stream()
        .filter(n -> n.on().contains(notification.outcome())).toList();
    StageRunner.Inputs inputs = new StageRunner.Inputs(null, ctx.pipeline.transform().version(), input);
    Set<Integer> sent = alreadySent(ctx, input);
    // each notifier is retried on its own, and a rerun skips the ones that already sent this notification,
    // so a failing webhook never makes a sent email go out twice
    ctx.runner.run(ctx.stage(Stage.NOTIFY), inputs, 0, () -> {
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        NotifierSpec target = targets.get(i);
        if (sent.contains(i)) {
          continue;
        }
        try {
          ctx.runner.retrying(ctx.retries, "notify " + target.plugin().type() + " of " + ctx.key, () -> {
            ctx.session.notifier(target.plugin(), ctx.key.date()).send(notification);
            return null;
          });
          sent.add(i);
        } catch (EtlxException e) {
          failures.add(e.getMessage());
        }
      }
      if (!failures.isEmpty()) {
        throw new PartialFailure(new EtlxException(ErrorCode.NOTIFY_FAILED, String.join("; ", failures)), SENT + sent);
      }
      return new StageOutcome(targets.size(), SENT + sent);
    });
    String note = targets.isEmpty() ? "no notifier for " + notification.outcome().name().toLowerCase()
        : "sent to " + targets.stream().map(n -> n.plugin().type()).toList();
    ctx.ran(Stage.NOTIFY, targets.size(), note);
  }
}
