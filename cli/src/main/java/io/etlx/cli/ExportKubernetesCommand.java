package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code etlx export kubernetes --env E --image I}: a CronJob per pipeline, or with {@code
 * --backfill-from/--backfill-to} one backfill Job.
 */
@Command(
    name = "kubernetes",
    description = {
      "Write Kubernetes manifests (1.27 or later): a CronJob per pipeline running etlx run"
          + " PIPELINE --date yesterday --env ENV, for kubectl apply; a pipeline with depends_on"
          + " waits for its upstreams' loads (--wait-for-upstream).",
      "With --backfill-from and --backfill-to: one Job backfilling those dates, upstream first,"
          + " for kubectl create.",
      "Exit 1, 2, 4 and 6 fail the Job at once, 3 and 5 are retried (podFailurePolicy). Secrets"
          + " come from a Secret through envFrom; the header lists the variables it must hold."
    })
final class ExportKubernetesCommand implements Callable<Integer> {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @ParentCommand ExportCommand export;
  @Spec CommandSpec spec;
  @Mixin HelpOption help;
  @Mixin ExportOptions options;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "IMAGE",
      description = "Container image holding etlx and the project, e.g. registry/analytics:1.4.")
  String image;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      converter = ExportOptions.ZoneConverter.class,
      description =
          "Time zone of the schedule (default: the pipelines' own, which must then be the same for"
              + " all).")
  ZoneId timezone;

  @Option(names = "--namespace", paramLabel = "NS", description = "Namespace of every object.")
  String namespace;

  @Option(
      names = "--secret",
      paramLabel = "NAME",
      description = "Secret holding the environment's variables (default: etlx-ENV).")
  String secret;

  @Option(
      names = "--backoff-limit",
      paramLabel = "N",
      description = "Retries of a run that failed with exit 3 or 5 (default: ${DEFAULT-VALUE}).")
  int backoffLimit = 3;

  @Option(
      names = "--wait-for-upstream",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long a pipeline with depends_on waits for its upstreams' loads of the date"
              + " (default: 2h).")
  Duration waitForUpstream = Duration.ofHours(2);

  @Option(
      names = "--deploy-dir",
      paramLabel = "DIR",
      description =
          "The project directory in the image, given to etlx -C (default: the image's working"
              + " directory).")
  String deployDir;

  @Option(
      names = "--backfill-from",
      paramLabel = "YYYY-MM-DD",
      description = "Write a Job backfilling from this date instead of the CronJobs.")
  LocalDate backfillFrom;

  @Option(
      names = "--backfill-to",
      paramLabel = "YYYY-MM-DD",
      description = "Last date of the backfill (inclusive).")
  LocalDate backfillTo;

  @Override
  public Integer call() throws Exception {
    if ((backfillFrom == null) != (backfillTo == null)) {
      throw new EtlxException(
          ErrorCode.USAGE, "give both --backfill-from and --backfill-to, or neither");
    }
    if (backfillFrom != null && backfillTo.isBefore(backfillFrom)) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--backfill-to " + backfillTo + " is before --backfill-from " + backfillFrom);
    }
    if (namespace != null && !DNS_LABEL.matcher(namespace).matches()) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--namespace '" + namespace + "' is not a namespace: lower case, digits and -");
    }
    String secretName =
        secret != null ? secret : KubernetesManifests.name("etlx-" + options.environment, 253);
    if (!secretName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--secret '" + secretName + "' is not a Secret's name: lower case, digits, - and .");
    }
    if (backoffLimit < 0) {
      throw new EtlxException(ErrorCode.USAGE, "--backoff-limit must be 0 or more");
    }
    DailySchedule daily = options.schedule();
    ExportPlan plan = options.plan(export.main);
    KubernetesManifests.Settings settings =
        new KubernetesManifests.Settings(
            image,
            daily,
            namespace,
            secretName,
            plan.timezone(timezone),
            backoffLimit,
            options.timeout,
            waitForUpstream,
            deployDir,
            options.etlxCommand);
    String text =
        backfillFrom == null
            ? KubernetesManifests.cronJobs(plan, settings)
            : KubernetesManifests.backfillJob(plan, settings, backfillFrom, backfillTo);
    options.write(export.main, spec.commandLine(), text);
    return ExitCode.OK;
  }
}
