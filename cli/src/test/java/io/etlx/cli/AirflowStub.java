package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a generated DAG file back with the machine's {@code python3}, without Airflow: a stub
 * {@code airflow} package (and {@code pendulum}) on {@code PYTHONPATH} records the DAG's arguments,
 * each task and each {@code >>} edge, and can call a task's callable as a worker would. What it
 * prints is JSON: {@code dag}, {@code tasks}, {@code edges}, the module's {@code globals}, and with
 * a task to run at a {@code data_interval_start}, its {@code outcome} ({@code success}, {@code
 * fail: …} for a failure Airflow does not retry, {@code retry: …} for one it retries).
 */
final class AirflowStub {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> FILES =
      Map.of(
          "airflow/__init__.py",
          """
          RECORD = {"dag": None, "tasks": [], "edges": []}


          class DAG:
              def __init__(self, **kwargs):
                  self.kwargs = kwargs
                  RECORD["dag"] = self

              def __enter__(self):
                  return self

              def __exit__(self, *exc):
                  return False
          """,
          "airflow/exceptions.py",
          """
          class AirflowException(Exception):
              pass


          class AirflowFailException(AirflowException):
              pass
          """,
          "airflow/operators/__init__.py",
          "",
          "airflow/operators/python.py",
          """
          import airflow


          class PythonOperator:
              def __init__(self, task_id, python_callable, op_kwargs=None, **kwargs):
                  self.task_id = task_id
                  self.python_callable = python_callable
                  self.op_kwargs = op_kwargs or {}
                  self.kwargs = kwargs
                  airflow.RECORD["tasks"].append(self)

              def __rshift__(self, other):
                  airflow.RECORD["edges"].append([self.task_id, other.task_id])
                  return other
          """,
          "pendulum.py",
          """
          import datetime as _datetime


          def datetime(year, month, day, tz="UTC"):
              return {"date": _datetime.date(year, month, day).isoformat(), "tz": tz}
          """,
          "read_dag.py",
          """
          import datetime
          import json
          import logging
          import runpy
          import sys
          import zoneinfo

          import airflow
          from airflow.exceptions import AirflowException, AirflowFailException

          # a time as Airflow passes data_interval_start: pendulum's, in UTC
          class Instant(datetime.datetime):
              @staticmethod
              def of(text):
                  t = datetime.datetime.fromisoformat(text).astimezone(datetime.timezone.utc)
                  return Instant(t.year, t.month, t.day, t.hour, t.minute, tzinfo=t.tzinfo)

              def in_timezone(self, zone):
                  return self.astimezone(zoneinfo.ZoneInfo(zone))


          logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(message)s")
          module = runpy.run_path(sys.argv[1])


          def plain(value):
              if isinstance(value, datetime.timedelta):
                  return value.total_seconds()
              if isinstance(value, dict):
                  return {key: plain(item) for key, item in value.items()}
              if isinstance(value, (list, tuple)):
                  return [plain(item) for item in value]
              if callable(value):
                  return value.__name__
              return value


          tasks = airflow.RECORD["tasks"]
          out = {
              "dag": plain(airflow.RECORD["dag"].kwargs),
              "tasks": [
                  dict(plain(t.kwargs), task_id=t.task_id, callable=t.python_callable.__name__,
                       op_kwargs=t.op_kwargs)
                  for t in tasks
              ],
              "edges": airflow.RECORD["edges"],
              "globals": {
                  k: v for k, v in module.items() if k.isupper() and isinstance(v, (str, int, dict))
              },
          }
          if len(sys.argv) > 2:
              task = next(t for t in tasks if t.task_id == sys.argv[2])
              start = Instant.of(sys.argv[3])
              try:
                  task.python_callable(**task.op_kwargs, data_interval_start=start)
                  out["outcome"] = "success"
              except AirflowFailException as e:
                  out["outcome"] = "fail: " + str(e)
              except AirflowException as e:
                  out["outcome"] = "retry: " + str(e)
          print(json.dumps(out))
          """);

  private final Path dir;

  /** Writes the stub into {@code dir}; skips the test when there is no {@code python3}. */
  AirflowStub(Path dir) throws IOException {
    assumeTrue(hasPython(), "python3 is not installed");
    this.dir = dir;
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }

  /** {@code python3 -m py_compile}: the file is valid Python. */
  void compile(Path dag) throws Exception {
    Result result = python(Map.of(), "-m", "py_compile", dag.toString());
    assertThat(result.code()).as(result.err()).isZero();
  }

  /** The DAG as the stub recorded it. */
  JsonNode read(Path dag) throws Exception {
    Result result = python(Map.of(), dir.resolve("read_dag.py").toString(), dag.toString());
    assertThat(result.code()).as(result.err()).isZero();
    return JSON.readTree(result.out());
  }

  /**
   * Runs one task's callable as a worker would for a run whose data interval starts at {@code
   * intervalStart} (ISO-8601), with these extra environment variables.
   */
  Result runTask(Path dag, String taskId, String intervalStart, Map<String, String> env)
      throws Exception {
    return python(
        env, dir.resolve("read_dag.py").toString(), dag.toString(), taskId, intervalStart);
  }

  /** What python printed: stdout (the JSON), stderr (the task's log). */
  record Result(int code, String out, String err) {
    String outcome() throws IOException {
      return JSON.readTree(out).get("outcome").asText();
    }
  }

  private Result python(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("PYTHONPATH", dir.toString());
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("python3 did not finish: " + command);
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static boolean hasPython() {
    try {
      Process process =
          new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
