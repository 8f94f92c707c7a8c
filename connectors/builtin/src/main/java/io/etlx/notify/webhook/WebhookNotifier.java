package io.etlx.notify.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.spi.Notification;
import io.etlx.spi.Notifier;
import io.etlx.spi.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs {@code {"text": subject, pipeline, environment, date, outcome, failed_stage, error,
 * rows_loaded, warnings}} ({@code warnings}: the data checks that failed without stopping the load,
 * each with check, column, severity, failing_rows, samples and text). The URL often embeds a token,
 * so errors show it redacted.
 */
final class WebhookNotifier implements Notifier {
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
    body.put("text", n.subject());
    body.put("pipeline", n.pipeline());
    body.put("environment", n.environment());
    body.put("date", n.date().toString());
    body.put("outcome", n.outcome().name().toLowerCase());
    body.put("failed_stage", n.failedStage());
    body.put("error", n.error());
    body.put("rows_loaded", n.rowsLoaded());
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
