package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code etlx export airflow|kubernetes} on a copy of the shipped project: the DAG compiles and is
 * read back by python3 with a stub Airflow (tasks, commands, edges, retries, timeouts, and what
 * each exit code of etlx makes of a task), the manifests are read back by SnakeYAML, and a project
 * that does not validate is never exported.
 */
class ExportCommandTest {
  /** What prod.yaml and the shipped pipelines reference without a default. */
  private static final List<String> PROD_SECRETS =
      List.of(
          "ALERTS_WEBHOOK_URL",
          "ETLX_BUCKET",
          "ETLX_STATE_DB_PASSWORD",
          "ETLX_STATE_DB_URL",
          "ETLX_STATE_DB_USER",
          "REDSHIFT_COPY_ROLE_ARN",
          "REDSHIFT_HOST",
          "REDSHIFT_PASSWORD",
          "REDSHIFT_USER",
          "SMTP_PASSWORD");

  @TempDir Path dir;
  @TempDir Path python;
  private Path project;

  @BeforeEach
  void shippedProject() throws Exception {
    project = dir.resolve("analytics");
    ShippedFiles.copyInto(project);
  }

  @Test
  void airflowDagHasATaskPerPipelineAndDependsOnAsEdges() throws Exception {
    AirflowStub airflow = new AirflowStub(python);

    CliRun export =
        etlx(
            "export",
            "airflow",
            "--env",
            "prod",
            "--start-date",
            "2020-12-01",
            "--deploy-dir",
            "/srv/analytics",
            "--output",
            "dags/etlx_prod.py");

    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).isEmpty();
    Path dag = project.resolve("dags/etlx_prod.py");
    airflow.compile(dag);
    JsonNode read = airflow.read(dag);
    JsonNode dagArgs = read.get("dag");
    assertThat(dagArgs.get("dag_id").asText()).isEqualTo("etlx_prod");
    assertThat(dagArgs.get("schedule").asText()).isEqualTo("@daily");
    assertThat(dagArgs.get("start_date").toString())
        .isEqualTo("{\"date\":\"2020-12-01\",\"tz\":\"UTC\"}");
    assertThat(dagArgs.get("catchup").asBoolean()).isTrue();
    assertThat(dagArgs.get("max_active_runs").asInt()).isEqualTo(1);
    JsonNode defaults = dagArgs.get("default_args");
    assertThat(defaults.get("retries").asInt()).isEqualTo(3);
    assertThat(defaults.get("retry_delay").asDouble()).isEqualTo(300);
    assertThat(defaults.get("retry_exponential_backoff").asBoolean()).isTrue();
    assertThat(defaults.get("max_retry_delay").asDouble()).isEqualTo(3600);
    assertThat(defaults.get("execution_timeout").asDouble()).isEqualTo(7200);
    assertThat(dagArgs.get("tags").toString()).isEqualTo("[\"etlx\",\"prod\"]");

    List<String> ids = new ArrayList<>();
    for (JsonNode task : read.get("tasks")) {
      ids.add(task.get("task_id").asText());
      assertThat(task.get("callable").asText()).isEqualTo("run_etlx");
      assertThat(task.get("op_kwargs").toString())
          .isEqualTo("{\"pipeline\":\"" + task.get("task_id").asText() + "\"}");
      assertThat(task.has("sla")).as("no shipped pipeline has an sla:").isFalse();
    }
    assertThat(ids).containsExactly("exchange_rates", "order_items", "daily_revenue_usd");
    assertThat(read.get("edges").toString())
        .isEqualTo(
            "[[\"order_items\",\"daily_revenue_usd\"],[\"exchange_rates\",\"daily_revenue_usd\"]]");
    assertThat(read.get("tasks").get(2).get("doc_md").asText())
        .isEqualTo(
            "Gross revenue per day in USD, from the day's order items at the day's exchange"
                + " rates.\n\n"
                + "`etlx run daily_revenue_usd --date DATE --env prod`"
                + " (pipelines/daily_revenue_usd.yaml)");
    JsonNode globals = read.get("globals");
    assertThat(globals.get("ETLX").asText()).isEqualTo("etlx");
    assertThat(globals.get("PROJECT_DIR").asText()).isEqualTo("/srv/analytics");
    assertThat(globals.get("ENVIRONMENT").asText()).isEqualTo("prod");
    String text = Files.readString(dag);
    assertThat(listedAfter(text, "# The workers must set these environment variables (secrets):"))
        .isEqualTo(PROD_SECRETS);
    assertThat(text).contains("#   daily_revenue_usd <- order_items, exchange_rates\n");
  }

  @Test
  void exitCodesOfEtlxDecideWhetherAirflowRetries() throws Exception {
    AirflowStub airflow = new AirflowStub(python);
    Path fake = fakeEtlx();
    CliRun export =
        etlx(
            "export",
            "airflow",
            "--env",
            "prod",
            "--start-date",
            "2020-12-01",
            "--deploy-dir",
            "/srv/analytics",
            "--etlx-command",
            fake.toString(),
            "-o",
            "etlx_prod.py");
    assertThat(export.exitCode()).as(export.err()).isZero();
    Path dag = project.resolve("etlx_prod.py");
    Path args = python.resolve("args.txt");

    Map<Integer, String> outcomes =
        Map.of(
            0, "success",
            6, "success",
            1, "fail: etlx exited with 1 (user error)",
            2, "fail: etlx exited with 2 (usage error)",
            4, "fail: etlx exited with 4 (internal error)",
            3, "retry: etlx exited with 3 (a source or a store failed)",
            5, "retry: etlx exited with 5 (another worker is running this date)",
            137, "retry: etlx exited with 137 (stopped)");
    for (Map.Entry<Integer, String> expected : outcomes.entrySet()) {
      AirflowStub.Result run =
          airflow.runTask(
              dag,
              "order_items",
              "2020-12-03T00:00:00+00:00",
              Map.of("FAKE_ARGS", args.toString(), "FAKE_EXIT", "" + expected.getKey()));

      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.outcome()).as("exit " + expected.getKey()).startsWith(expected.getValue());
      assertThat(argumentsIn(args))
          .containsExactly(
              "-C",
              "/srv/analytics",
              "run",
              "order_items",
              "--date",
              "2020-12-03",
              "--env",
              "prod");
      assertThat(run.err()).contains("INFO fake etlx says hello");
      if (expected.getKey() == 6) {
        assertThat(run.err())
            .contains(
                "WARNING etlx exited with 6: order_items 2020-12-03 (prod) is loaded, only a"
                    + " notification failed");
      }
    }
  }

  @Test
  void textFromTheProjectIsQuotedAndSlaAndTimezoneAreMapped() throws Exception {
    AirflowStub airflow = new AirflowStub(python);
    String tricky = "Revenue \"\"\" \\n ' {{ ds }} é € 😀\n# not code\nthe end";
    String quoted =
        '"' + tricky.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    Path pipeline = project.resolve("pipelines/daily_revenue_usd.yaml");
    Files.writeString(
        pipeline,
        Files.readString(pipeline)
            .replaceFirst(
                "(?m)^description: .*$",
                Matcher.quoteReplacement(
                    "description: "
                        + quoted
                        + "\ntimezone: Europe/Berlin\nsla: {deadline: \"06:30\", days_after: 1}")));
    for (String other : List.of("order_items", "exchange_rates")) {
      Path file = project.resolve("pipelines/" + other + ".yaml");
      Files.writeString(
          file,
          Files.readString(file)
              .replaceFirst("(?m)^(description: .*)$", "$1\ntimezone: Europe/Berlin"));
    }
    String environment = "dev 'x\" {{ y }}";
    Files.copy(
        project.resolve("environments/dev.yaml"),
        project.resolve("environments/" + environment + ".yaml"));
    String deployDir = "/srv/it's \"here\"\n# and {{ there }}";

    Path fake = fakeEtlx();

    CliRun export =
        etlx(
            "export",
            "airflow",
            "--env",
            environment,
            "--start-date",
            "2021-03-28",
            "--deploy-dir",
            deployDir,
            "--etlx-command",
            fake.toString(),
            "--output",
            "dag.py");

    assertThat(export.exitCode()).as(export.err()).isZero();
    Path dag = project.resolve("dag.py");
    airflow.compile(dag);
    JsonNode read = airflow.read(dag);
    assertThat(read.get("globals").get("PROJECT_DIR").asText()).isEqualTo(deployDir);
    assertThat(read.get("globals").get("ENVIRONMENT").asText()).isEqualTo(environment);
    assertThat(read.get("dag").get("dag_id").asText()).isEqualTo("etlx_dev__x_____y___");
    assertThat(read.get("dag").get("start_date").get("tz").asText()).isEqualTo("Europe/Berlin");
    JsonNode revenue = read.get("tasks").get(2);
    assertThat(revenue.get("doc_md").asText()).startsWith(tricky + "\n\n`etlx run");
    assertThat(revenue.get("sla").asDouble()).as("06:30 the next day").isEqualTo(6.5 * 3600);
    assertThat(Files.readString(dag))
        .isASCII()
        .contains("#   daily_revenue_usd <- order_items, exchange_rates; sla 6 h 30 min\n");

    // the run of Berlin's 2021-03-28 starts at its midnight, 23:00 UTC the day before (Airflow's
    // ds)
    Path args = python.resolve("args.txt");
    AirflowStub.Result run =
        airflow.runTask(
            dag,
            "daily_revenue_usd",
            "2021-03-27T23:00:00+00:00",
            Map.of("FAKE_ARGS", args.toString(), "FAKE_EXIT", "0"));
    assertThat(run.outcome()).as(run.err()).isEqualTo("success");
    assertThat(argumentsIn(args))
        .containsExactly(
            "-C",
            deployDir,
            "run",
            "daily_revenue_usd",
            "--date",
            "2021-03-28",
            "--env",
            environment);
  }

  @Test
  void theSameProjectGivesTheSameFiles() {
    String[] airflow = {"export", "airflow", "--env", "prod", "--start-date", "2020-12-01"};
    String[] kubernetes = {"export", "kubernetes", "--env", "prod", "--image", "etlx:1"};

    CliRun first = etlx(airflow);
    CliRun second = etlx(airflow);
    CliRun firstK8s = etlx(kubernetes);
    CliRun secondK8s = etlx(kubernetes);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(secondK8s.out()).isEqualTo(firstK8s.out());
    String today = LocalDate.now().toString();
    assertThat(first.out()).doesNotContain(today).doesNotContain(project.toString());
    assertThat(firstK8s.out()).doesNotContain(today).doesNotContain(project.toString());
  }

  @Test
  void namedPipelinesComeWithTheirUpstreams() throws Exception {
    AirflowStub airflow = new AirflowStub(python);

    CliRun revenue =
        etlx(
            "export",
            "airflow",
            "--env",
            "prod",
            "--start-date",
            "2020-12-01",
            "-o",
            "a.py",
            "daily_revenue_usd");
    CliRun orders =
        etlx(
            "export",
            "airflow",
            "--env",
            "prod",
            "--start-date",
            "2020-12-01",
            "-o",
            "b.py",
            "order_items");

    assertThat(revenue.exitCode()).as(revenue.err()).isZero();
    assertThat(airflow.read(project.resolve("a.py")).get("tasks")).hasSize(3);
    JsonNode read = airflow.read(project.resolve("b.py"));
    assertThat(read.get("tasks")).hasSize(1);
    assertThat(read.get("edges")).isEmpty();
    assertThat(read.get("globals").get("PROJECT_DIR").asText())
        .as("by default, the DAG file's own directory")
        .isEqualTo(project.toString());
  }

  @Test
  void kubernetesCronJobPerPipelineWaitingForUpstreams() {
    CliRun export =
        etlx(
            "export",
            "kubernetes",
            "--env",
            "prod",
            "--image",
            "registry.example.com/analytics:1.4",
            "--namespace",
            "data");

    assertThat(export.exitCode()).as(export.err()).isZero();
    List<Map<String, Object>> documents = documents(export.out());
    assertThat(documents).hasSize(3);
    assertThat(documents).extracting(d -> d.get("kind")).containsOnly("CronJob");
    assertThat(documents)
        .extracting(d -> path(d, "metadata", "name"))
        .containsExactly(
            "etlx-prod-exchange-rates", "etlx-prod-order-items", "etlx-prod-daily-revenue-usd");
    Map<String, Object> revenue = documents.get(2);
    assertThat(path(revenue, "metadata", "namespace")).isEqualTo("data");
    assertThat(path(revenue, "metadata", "annotations", "etlx.io/depends-on"))
        .isEqualTo("order_items,exchange_rates");
    assertThat(path(revenue, "spec", "schedule")).isEqualTo("@daily");
    assertThat(path(revenue, "spec", "timeZone")).isEqualTo("UTC");
    assertThat(path(revenue, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
    Map<String, Object> job = mapAt(revenue, "spec", "jobTemplate", "spec");
    assertThat(job.get("backoffLimit")).isEqualTo(3);
    // (2 h run + 2 h wait) x 4 attempts + 10 + 20 + 40 s between them
    assertThat(job.get("activeDeadlineSeconds")).isEqualTo(4 * 14_400 + 70);
    assertThat(path(job, "podFailurePolicy").toString())
        .isEqualTo(
            "{rules=[{action=FailJob, onExitCodes={operator=In, values=[1, 2, 4, 6]}},"
                + " {action=Ignore, onPodConditions=[{type=DisruptionTarget}]}]}");
    Map<String, Object> pod = mapAt(job, "template", "spec");
    assertThat(pod.get("restartPolicy")).isEqualTo("Never");
    assertThat(pod.get("activeDeadlineSeconds")).isEqualTo(14_400);
    Map<String, Object> container = only(pod.get("containers"));
    assertThat(container.get("image")).isEqualTo("registry.example.com/analytics:1.4");
    assertThat(container.get("command")).isEqualTo(List.of("etlx"));
    assertThat(container.get("args"))
        .isEqualTo(
            List.of(
                "run",
                "daily_revenue_usd",
                "--date",
                "yesterday",
                "--env",
                "prod",
                "--wait-for-upstream",
                "2h"));
    assertThat(container.get("envFrom").toString()).isEqualTo("[{secretRef={name=etlx-prod}}]");

    Map<String, Object> orders = documents.get(1);
    Map<String, Object> ordersPod =
        mapAt(orders, "spec", "jobTemplate", "spec", "template", "spec");
    assertThat(ordersPod.get("activeDeadlineSeconds")).isEqualTo(7_200);
    assertThat(only(ordersPod.get("containers")).get("args"))
        .isEqualTo(List.of("run", "order_items", "--date", "yesterday", "--env", "prod"));
    assertThat(export.out())
        .startsWith("# Kubernetes manifests for the etlx pipelines of environment prod.")
        .contains(
            "#   e.g. kubectl create secret generic etlx-prod --from-env-file=etlx-prod.env\n");
    assertThat(
            listedAfter(
                export.out(),
                "# Secret etlx-prod (envFrom) must hold these environment variables:"))
        .startsWith(PROD_SECRETS.toArray(String[]::new));
  }

  @Test
  void kubernetesBackfillJobRunsUpstreamsFirst() {
    CliRun export =
        etlx(
            "export",
            "kubernetes",
            "--env",
            "prod",
            "--image",
            "etlx:1",
            "--deploy-dir",
            "/project",
            "--backfill-from",
            "2020-12-01",
            "--backfill-to",
            "2020-12-05");

    assertThat(export.exitCode()).as(export.err()).isZero();
    Map<String, Object> job = only(documents(export.out()));
    assertThat(job.get("kind")).isEqualTo("Job");
    assertThat(path(job, "metadata", "generateName")).isEqualTo("etlx-prod-backfill-");
    assertThat(path(job, "spec", "activeDeadlineSeconds")).isEqualTo(5 * 3 * 7_200);
    Map<String, Object> pod = mapAt(job, "spec", "template", "spec");
    List<Map<String, Object>> init = list(pod.get("initContainers"));
    assertThat(init)
        .extracting(c -> c.get("name"))
        .containsExactly("exchange-rates", "order-items");
    assertThat(init.get(0).get("args"))
        .isEqualTo(
            List.of(
                "-C",
                "/project",
                "backfill",
                "exchange_rates",
                "--from",
                "2020-12-01",
                "--to",
                "2020-12-05",
                "--env",
                "prod"));
    Map<String, Object> last = only(pod.get("containers"));
    assertThat(last.get("name")).isEqualTo("daily-revenue-usd");
    assertThat(((List<?>) last.get("args")).subList(2, 4))
        .isEqualTo(List.of("backfill", "daily_revenue_usd"));
  }

  @Test
  void unknownEnvironmentOrPipelineIsAUserError() {
    CliRun environment = etlx("export", "airflow", "--env", "prd", "--start-date", "2020-12-01");
    CliRun pipeline =
        etlx("export", "kubernetes", "--env", "prod", "--image", "etlx:1", "order_itemz");

    assertThat(environment.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(environment.err())
        .isEqualTo(
            "etlx: no environment 'prd' under environments/ (did you mean 'prod'? known: dev, prod,"
                + " snowflake)\n");
    assertThat(pipeline.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(pipeline.err())
        .startsWith(
            "etlx: no pipeline 'order_itemz' under pipelines/ (did you mean 'order_items'?");
    assertThat(environment.out() + pipeline.out()).isEmpty();
  }

  @Test
  void aCycleOrAnInvalidSpecIsNotExported() throws Exception {
    Path orders = project.resolve("pipelines/order_items.yaml");
    Files.writeString(
        orders,
        Files.readString(orders).replace("source:", "depends_on: [daily_revenue_usd]\nsource:"));

    CliRun airflow =
        etlx("export", "airflow", "--env", "prod", "--start-date", "2020-12-01", "-o", "dag.py");
    CliRun kubernetes = etlx("export", "kubernetes", "--env", "prod", "--image", "etlx:1");

    for (CliRun run : List.of(airflow, kubernetes)) {
      assertThat(run.exitCode()).isEqualTo(ExitCode.USER_ERROR);
      assertThat(run.err())
          .startsWith("etlx: pipelines/")
          .contains("depends_on forms a cycle: ")
          .contains("daily_revenue_usd → order_items → daily_revenue_usd");
      assertThat(run.out()).isEmpty();
    }
    assertThat(project.resolve("dag.py")).doesNotExist();
  }

  @Test
  void aWrongCommandLineIsAUsageError() {
    List<String[]> lines =
        List.of(
            new String[] {"export"},
            new String[] {"export", "airflow", "--env", "prod"},
            new String[] {
              "export",
              "airflow",
              "--env",
              "prod",
              "--start-date",
              "2020-12-01",
              "--schedule",
              "daily"
            },
            new String[] {
              "export", "airflow", "--env", "prod", "--start-date", "2020-12-01", "--dag-id", "a b"
            },
            new String[] {
              "export",
              "kubernetes",
              "--env",
              "prod",
              "--image",
              "etlx:1",
              "--schedule",
              "0 * * * *"
            },
            new String[] {
              "export", "airflow", "--env", "prod", "--start-date", "2020-12-01", "--timeout", "2x"
            },
            new String[] {
              "export",
              "kubernetes",
              "--env",
              "prod",
              "--image",
              "etlx:1",
              "--backfill-from",
              "2020-12-01"
            },
            new String[] {
              "export", "kubernetes", "--env", "prod", "--image", "etlx:1", "--timeout", "23h"
            });
    for (String[] line : lines) {
      CliRun run = etlx(line);

      assertThat(run.exitCode()).as(String.join(" ", line) + ": " + run.err()).isEqualTo(2);
      assertThat(run.err()).startsWith("etlx: ");
    }
    assertThat(etlx("export", "airflow", "--env", "prod").err())
        .isEqualTo(
            "etlx: Missing required option: '--start-date=YYYY-MM-DD'\n"
                + "Try 'etlx export airflow --help'.\n");
  }

  @Test
  void everyExportCommandHasHelp() {
    for (String format : List.of("airflow", "kubernetes")) {
      CliRun run = CliRun.of("export", format, "--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .startsWith("Usage: etlx export " + format + " ")
          .contains("--env=NAME")
          .contains("-h, --help")
          .doesNotContainPattern("\\bnull\\b");
    }
    assertThat(CliRun.of("export", "--help").out()).contains("airflow", "kubernetes");
  }

  /**
   * An etlx that writes its arguments, each ended by NUL, to $FAKE_ARGS and exits with $FAKE_EXIT.
   */
  private Path fakeEtlx() throws Exception {
    Path fake = python.resolve("fake-etlx");
    Files.writeString(
        fake,
        """
        #!/bin/sh
        printf '%s\\0' "$@" > "$FAKE_ARGS"
        echo "fake etlx says hello"
        exit "$FAKE_EXIT"
        """);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    return fake;
  }

  private static List<String> argumentsIn(Path file) throws Exception {
    return List.of(Files.readString(file).split("\0"));
  }

  /** The words of the comment lines after {@code heading}, up to the next empty comment line. */
  private static List<String> listedAfter(String text, String heading) {
    String rest = text.substring(text.indexOf(heading + "\n") + heading.length() + 1);
    List<String> words = new ArrayList<>();
    for (String line : rest.substring(0, rest.indexOf("#\n")).split("\n")) {
      words.addAll(List.of(line.substring(1).strip().split(" ")));
    }
    return words;
  }

  private CliRun etlx(String... args) {
    return CliRun.in(project, Map.of(), args);
  }

  private static List<Map<String, Object>> documents(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      documents.add(cast(document));
    }
    return documents;
  }

  private static Object path(Map<String, Object> map, String... keys) {
    Object value = map;
    for (String key : keys) {
      value = cast(value).get(key);
    }
    return value;
  }

  private static Map<String, Object> mapAt(Map<String, Object> map, String... keys) {
    return cast(path(map, keys));
  }

  private static Map<String, Object> only(Object list) {
    List<Map<String, Object>> items = list(list);
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static List<Map<String, Object>> list(Object list) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Object item : (List<?>) list) {
      items.add(cast(item));
    }
    return items;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }
}
