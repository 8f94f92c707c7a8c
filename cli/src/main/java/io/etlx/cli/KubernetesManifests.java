package io.etlx.cli;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Kubernetes manifests that run a project's pipelines: a {@code CronJob} per pipeline, each running
 * {@code etlx run PIPELINE --date yesterday}, where a pipeline with {@code depends_on} waits for
 * its upstreams' loads of the date ({@code --wait-for-upstream}) instead of relying on the
 * schedule's order; or a backfill {@code Job} running {@code etlx backfill} for each pipeline in
 * dependency order (init containers run one after the other). etlx's exit codes become a {@code
 * podFailurePolicy}: what a person must fix, or what must not load again, fails the Job at once;
 * the rest is retried up to {@code backoffLimit}. YAML written by SnakeYAML (so every value is
 * quoted as it must be), in a fixed order: the same plan and settings give the same bytes.
 */
final class KubernetesManifests {
  /** Kubernetes retries a failed pod after 10 s, doubling, at most 6 min apart. */
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(6);

  /** How late a missed schedule may still start (a controller that was down, say). */
  static final Duration STARTING_DEADLINE = Duration.ofHours(1);

  /** Exit codes that end the Job at once: 1 user, 2 usage, 4 internal error; 6 loaded. */
  static final List<Integer> FAIL_JOB = List.of(1, 2, 4, 6);

  /**
   * How the pipelines run.
   *
   * @param namespace null: kubectl's current namespace
   * @param deployDir the project directory in the image; null: the image's working directory
   */
  record Settings(
      String image,
      DailySchedule schedule,
      String namespace,
      String secret,
      String timezone,
      int backoffLimit,
      Duration timeout,
      Duration waitForUpstream,
      String deployDir,
      String etlxCommand) {}

  private KubernetesManifests() {}

  /** One CronJob per pipeline, for {@code kubectl apply}. */
  static String cronJobs(ExportPlan plan, Settings settings) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (PipelineSpec pipeline : plan.pipelines()) {
      documents.add(cronJob(plan, pipeline, settings));
    }
    List<String> header = header(plan, settings);
    header.add("");
    header.add(
        "One CronJob per pipeline runs `etlx run PIPELINE --date yesterday --env "
            + plan.environment()
            + "`, at '"
            + settings.schedule().text()
            + "' in "
            + settings.timezone()
            + ";");
    header.add(
        "`yesterday` is the day that just ended in the pipeline's time zone. A pipeline with"
            + " depends_on");
    header.add(
        "starts at the same time and waits up to "
            + AirflowDag.human(settings.waitForUpstream())
            + " (--wait-for-upstream) until its upstreams have");
    header.add(
        "loaded the date: the order comes from the warehouse's ledger, not from the schedule.");
    header.add(
        "concurrencyPolicy: Forbid skips a run while the last one still runs; across clusters and"
            + " hosts,");
    header.add("the state store's lock on (pipeline, environment, date) keeps a date to one run.");
    header.add(
        "activeDeadlineSeconds: the pod's is one run ("
            + AirflowDag.human(settings.timeout())
            + ", plus the wait for upstreams); the Job's");
    header.add(
        "leaves room for every attempt and Kubernetes' back-off between them, but at most "
            + AirflowDag.human(maxJob(settings))
            + ",");
    header.add(
        "so that every attempt starts before the next midnight and reads `yesterday` as the same"
            + " date.");
    return text(header, documents);
  }

  /** One Job backfilling {@code from}–{@code to}, for {@code kubectl create}. */
  static String backfillJob(ExportPlan plan, Settings settings, LocalDate from, LocalDate to) {
    long dates = ChronoUnit.DAYS.between(from, to) + 1;
    List<PipelineSpec> pipelines = plan.pipelines();
    List<Map<String, Object>> containers = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (PipelineSpec pipeline : pipelines) {
      List<String> args = new ArrayList<>(projectArgs(settings));
      args.addAll(
          List.of(
              "backfill",
              pipeline.name(),
              "--from",
              from.toString(),
              "--to",
              to.toString(),
              "--env",
              plan.environment()));
      String name = label(pipeline.name().replace('_', '-').toLowerCase(Locale.ROOT), 63);
      String unique = name;
      for (int i = 2; used.contains(unique); i++) {
        unique = label(name, 60) + "-" + i;
      }
      used.add(unique);
      containers.add(container(unique, plan, settings, args));
    }
    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("restartPolicy", "Never");
    if (containers.size() > 1) {
      podSpec.put("initContainers", containers.subList(0, containers.size() - 1));
    }
    podSpec.put("containers", List.of(containers.get(containers.size() - 1)));

    Map<String, String> labels = labels(plan, "backfill", null);
    Map<String, Object> jobSpec = new LinkedHashMap<>();
    jobSpec.put("backoffLimit", settings.backoffLimit());
    jobSpec.put(
        "activeDeadlineSeconds",
        settings.timeout().multipliedBy(dates * pipelines.size()).toSeconds());
    jobSpec.put("podFailurePolicy", podFailurePolicy());
    jobSpec.put("template", template(labels, podSpec));

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("generateName", name("etlx-" + plan.environment() + "-backfill", 57) + "-");
    if (settings.namespace() != null) {
      metadata.put("namespace", settings.namespace());
    }
    metadata.put("labels", labels);
    metadata.put("annotations", map("etlx.io/dates", from + ".." + to));
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("apiVersion", "batch/v1");
    job.put("kind", "Job");
    job.put("metadata", metadata);
    job.put("spec", jobSpec);

    List<String> header = header(plan, settings);
    header.add("");
    header.add(
        "A Job that backfills "
            + from
            + " to "
            + to
            + ": `etlx backfill` of each pipeline, upstream first");
    header.add(
        "(init containers run one after the other). For `kubectl create -f`, not apply: each");
    header.add("backfill is a Job of its own; running it again is safe, dates already loaded are");
    header.add(
        "skipped. activeDeadlineSeconds allows "
            + AirflowDag.human(settings.timeout())
            + " per date and pipeline.");
    return text(header, List.of(job));
  }

  private static List<String> header(ExportPlan plan, Settings settings) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "Kubernetes manifests for the etlx pipelines of environment "
            + plan.environment()
            + ". Generated by");
    lines.add(
        "`etlx export kubernetes`; do not edit: export them again when the pipelines change (the"
            + " same");
    lines.add("project gives the same file).");
    lines.add("");
    lines.add("Exit codes of etlx (podFailurePolicy):");
    lines.add("  0        success");
    lines.add("  1, 2, 4  the Job fails at once: a user, usage or internal error fails the same");
    lines.add("           way until a person fixes it");
    lines.add("  6        the Job fails at once: the data is loaded and only a notification");
    lines.add("           failed; a retry must not load again (`etlx status` shows the rest)");
    lines.add(
        "  3, 5     retried, up to backoffLimit "
            + settings.backoffLimit()
            + " times: a source or a store failed, or another");
    lines.add("           worker holds the date's lock; an etlx rerun is always safe (the stages");
    lines.add("           that succeeded are skipped), and so a killed pod is retried too");
    lines.add("  a pod evicted from its node is replaced without counting as a failure");
    lines.add("");
    if (plan.requiredEnv().isEmpty()) {
      lines.add("These pipelines need no environment variable (secret).");
    } else {
      lines.add(
          "Secret " + settings.secret() + " (envFrom) must hold these environment variables:");
      lines.addAll(CommentText.wrapped(plan.requiredEnv(), 80));
      lines.add(
          "  e.g. kubectl create secret generic "
              + settings.secret()
              + " --from-env-file=etlx-"
              + plan.environment()
              + ".env");
    }
    lines.add("");
    lines.add("Pipelines, upstream first:");
    for (PipelineSpec pipeline : plan.pipelines()) {
      lines.add(
          "  "
              + pipeline.name()
              + (pipeline.dependsOn().isEmpty()
                  ? ""
                  : " <- " + String.join(", ", pipeline.dependsOn())));
    }
    return lines;
  }

  private static Map<String, Object> cronJob(
      ExportPlan plan, PipelineSpec pipeline, Settings settings) {
    boolean waits = !pipeline.dependsOn().isEmpty();
    List<String> args = new ArrayList<>(projectArgs(settings));
    args.addAll(
        List.of("run", pipeline.name(), "--date", "yesterday", "--env", plan.environment()));
    if (waits) {
      args.addAll(List.of("--wait-for-upstream", shortDuration(settings.waitForUpstream())));
    }
    Duration attempt = settings.timeout().plus(waits ? settings.waitForUpstream() : Duration.ZERO);
    Duration job = attempt.multipliedBy(settings.backoffLimit() + 1L).plus(backoffs(settings));
    Duration maxJob = maxJob(settings);
    if (attempt.compareTo(maxJob) > 0) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "--timeout "
              + shortDuration(settings.timeout())
              + (waits
                  ? " plus --wait-for-upstream " + shortDuration(settings.waitForUpstream())
                  : "")
              + " does not fit between the schedule's "
              + settings.schedule().at()
              + " (and a start up to "
              + AirflowDag.human(STARTING_DEADLINE)
              + " late) and 23:00: a later attempt could start after midnight and read"
              + " `yesterday` as another date; schedule the runs earlier or shorten them");
    }
    if (job.compareTo(maxJob) > 0) {
      job = maxJob;
    }

    Map<String, Object> podSpec = new LinkedHashMap<>();
    podSpec.put("restartPolicy", "Never");
    podSpec.put("activeDeadlineSeconds", attempt.toSeconds());
    podSpec.put("containers", List.of(container("etlx", plan, settings, args)));

    Map<String, String> labels = labels(plan, "pipeline", pipeline.name());
    Map<String, Object> jobSpec = new LinkedHashMap<>();
    jobSpec.put("backoffLimit", settings.backoffLimit());
    jobSpec.put("activeDeadlineSeconds", job.toSeconds());
    jobSpec.put("podFailurePolicy", podFailurePolicy());
    jobSpec.put("template", template(labels, podSpec));

    Map<String, Object> jobTemplate = new LinkedHashMap<>();
    jobTemplate.put("metadata", map("labels", new LinkedHashMap<>(labels)));
    jobTemplate.put("spec", jobSpec);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schedule", settings.schedule().text());
    spec.put("timeZone", settings.timezone());
    spec.put("concurrencyPolicy", "Forbid");
    spec.put("startingDeadlineSeconds", STARTING_DEADLINE.toSeconds());
    spec.put("successfulJobsHistoryLimit", 3);
    spec.put("failedJobsHistoryLimit", 3);
    spec.put("jobTemplate", jobTemplate);

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(
        "name",
        name("etlx-" + plan.environment() + "-" + pipeline.name(), 52)); // a Job's name adds 11
    if (settings.namespace() != null) {
      metadata.put("namespace", settings.namespace());
    }
    metadata.put("labels", labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("etlx.io/depends-on", String.join(",", pipeline.dependsOn()));
    annotations.put("etlx.io/file", pipeline.file());
    metadata.put("annotations", annotations);

    Map<String, Object> cronJob = new LinkedHashMap<>();
    cronJob.put("apiVersion", "batch/v1");
    cronJob.put("kind", "CronJob");
    cronJob.put("metadata", metadata);
    cronJob.put("spec", spec);
    return cronJob;
  }

  private static Map<String, Object> container(
      String name, ExportPlan plan, Settings settings, List<String> args) {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", name);
    container.put("image", settings.image());
    container.put("command", List.of(settings.etlxCommand()));
    container.put("args", args);
    if (!plan.requiredEnv().isEmpty()) {
      container.put("envFrom", List.of(map("secretRef", map("name", settings.secret()))));
    }
    container.put("env", List.of(map("name", "ETLX_LOG_FORMAT", "value", "json")));
    return container;
  }

  private static List<String> projectArgs(Settings settings) {
    return settings.deployDir() == null ? List.of() : List.of("-C", settings.deployDir());
  }

  private static Map<String, Object> template(Map<String, String> labels, Map<String, Object> pod) {
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("metadata", map("labels", new LinkedHashMap<>(labels)));
    template.put("spec", pod);
    return template;
  }

  private static Map<String, Object> podFailurePolicy() {
    Map<String, Object> failJob = new LinkedHashMap<>();
    failJob.put("action", "FailJob");
    Map<String, Object> codes = new LinkedHashMap<>();
    codes.put("operator", "In");
    codes.put("values", FAIL_JOB);
    failJob.put("onExitCodes", codes);
    Map<String, Object> evicted = new LinkedHashMap<>();
    evicted.put("action", "Ignore");
    evicted.put("onPodConditions", List.of(map("type", "DisruptionTarget")));
    return map("rules", List.of(failJob, evicted));
  }

  private static Map<String, String> labels(ExportPlan plan, String component, String pipeline) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "etlx");
    labels.put("app.kubernetes.io/component", component);
    labels.put("etlx.io/environment", label(plan.environment(), 63));
    if (pipeline != null) {
      labels.put("etlx.io/pipeline", label(pipeline, 63));
    }
    return labels;
  }

  /**
   * A map that keeps the order its entries are given in (the order of {@code Map.of} changes from
   * one JVM to the next).
   */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * The longest a scheduled Job may take, retries included. Each attempt resolves {@code yesterday}
   * anew, so every attempt must start before the next midnight, counted from the schedule's time of
   * day and the latest a missed schedule may still start, with an hour to spare.
   */
  static Duration maxJob(Settings settings) {
    return Duration.ofHours(23)
        .minusSeconds(settings.schedule().at().toSecondOfDay())
        .minus(STARTING_DEADLINE);
  }

  /** The total of Kubernetes' waits before each retry. */
  private static Duration backoffs(Settings settings) {
    Duration total = Duration.ZERO;
    Duration next = FIRST_BACKOFF;
    for (int i = 0; i < settings.backoffLimit(); i++) {
      total = total.plus(next);
      next = next.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next.multipliedBy(2);
    }
    return total;
  }

  /**
   * A DNS-1123 name of at most {@code max} characters: lower case, digits and dashes; a longer one
   * keeps its start and ends with a hash of the whole, so two long names stay apart.
   */
  static String name(String text, int max) {
    String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    name = name.replaceAll("^-+|-+$", "");
    if (name.length() <= max) {
      return name.isEmpty() ? "etlx" : name;
    }
    String hash = sha256(text).substring(0, 8);
    return name.substring(0, max - 9).replaceAll("-+$", "") + "-" + hash;
  }

  /** A label value (also a container name): letters, digits, {@code -_.}, alphanumeric ends. */
  private static String label(String text, int max) {
    String value = text.replaceAll("[^A-Za-z0-9._-]+", "-");
    if (value.length() > max) {
      value = value.substring(0, max);
    }
    return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code 2h}, {@code 90m}, {@code 45s}: as etlx's options take a duration. */
  static String shortDuration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  private static String text(List<String> header, List<Map<String, Object>> documents) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setWidth(200);
    Yaml yaml = new Yaml(options);
    StringBuilder out = new StringBuilder();
    for (String line : header) {
      out.append(line.isEmpty() ? "#" : "# " + CommentText.line(line)).append('\n');
    }
    for (Map<String, Object> document : documents) {
      out.append("---\n").append(yaml.dump(document));
    }
    return out.toString();
  }
}
