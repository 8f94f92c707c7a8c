package io.etlx.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.spi.Notification;
import io.etlx.spi.Notifier;
import io.etlx.spi.RunInfo;
import io.etlx.spi.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * POSTs the run's outcome as JSON, schema version {@value #SCHEMA_VERSION} (fields are only added
 * within a version): {@code text} (a one-line summary, for chat webhooks), {@code pipeline}, {@code
 * environment}, {@code date}, {@code outcome} (success or failure), {@code failed_stage}, {@code
 * error}, {@code error_code} (e.g. SOURCE_UNAVAILABLE) and {@code error_kind} (user: fix the data
 * or the spec; external: a server failed, a rerun may succeed; internal: a bug), null on success,
 * {@code rows_loaded}, {@code load} (ran, or skipped when an earlier run loaded the date), {@code
 * run_id}, {@code attempt}, {@code started_at}, {@code finished_at}, {@code duration_ms} and {@code
 * warnings} (the data checks that failed without stopping the load, each with check, column,
 * severity, failing_rows, samples and text). The URL often embeds a token, so errors show it
 * redacted.
 */
final class WebhookNotifier implements Notifier {
  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String urlTemplate;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Templates interpolator;

  WebhookNotifier(
      String urlTemplate, Map<String, String> headers, Duration timeout, Templates interpolator) {
    this.urlTemplate = urlTemplate;
    this.headers = headers;
    this.timeout = timeout;
    this.interpolator = interpolator;
  }

  @Override
  public void send(Notification n) {
    String shown = interpolator.redact(urlTemplate);
    ObjectNode body = JSON.createObjectNode();
    body.put("schema_version", SCHEMA_VERSION);
    body.put("text", n.subject());
    body.put("pipeline", n.pipeline());
    body.put("environment", n.environment());
    body.put("date", n.date().toString());
    body.put("outcome", n.outcome().name().toLowerCase(Locale.ROOT));
    body.put("failed_stage", n.failedStage());
    body.put("error", n.error());
    body.put("error_code", n.errorCode() == null ? null : n.errorCode().name());
    body.put(
        "error_kind",
        n.errorCode() == null ? null : n.errorCode().kind().name().toLowerCase(Locale.ROOT));
    body.put("rows_loaded", n.rowsLoaded());
    body.put("load", n.loadSkipped() ? "skipped" : "ran");
    RunInfo run = n.run();
    body.put("run_id", run == null ? null : run.id());
    body.put("attempt", run == null ? null : run.attempt());
    body.put("started_at", run == null ? null : run.startedAt().toString());
    body.put("finished_at", run == null ? null : run.finishedAt().toString());
    body.put("duration_ms", run == null ? null : run.duration().toMillis());
    var warnings = body.putArray("warnings");
    for (CheckResult warning : n.warnings()) {
      ObjectNode item = warnings.addObject();
      item.put("check", warning.check());
      item.put("column", warning.column());
      item.put("severity", warning.severity().yamlName());
      item.put("failing_rows", warning.failingRows());
      warning.samples().forEach(item.putArray("samples")::add);
      item.put("text", warning.describe());
    }
    HttpRequest.Builder request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(interpolator.resolve(urlTemplate)))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      headers.forEach((name, value) -> request.header(name, interpolator.resolve(value)));
    } catch (IllegalArgumentException e) {
      // the JDK's message repeats the URL or header value, secrets included: show the redacted URL
      // only
      throw new EtlxException(
          ErrorCode.INVALID_VALUE, "webhook " + shown + ": not a valid URL or header value");
    }
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new EtlxException(
            ErrorCode.NOTIFY_FAILED,
            "webhook "
                + shown
                + " answered HTTP "
                + response.statusCode()
                + "; the load is done, a rerun only retries the notification");
      }
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.NOTIFY_FAILED,
          "webhook "
              + shown
              + " unreachable ("
              + e.getClass().getSimpleName()
              + "); the load is done, a rerun only retries the notification",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(
          ErrorCode.NOTIFY_FAILED, "interrupted while calling webhook " + shown, e);
    }
  }
}
