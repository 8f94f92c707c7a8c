package io.etlx.lineage;

import io.etlx.spec.LineageSpec;
import io.etlx.spi.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each event to an OpenLineage server (Marquez's {@code /api/v1/lineage} and the like), with
 * the API key as {@code Authorization: Bearer}; an answer other than 2xx is a failure.
 */
final class HttpTransport implements Transport {
  /** Where an OpenLineage server takes events when the URL names no path. */
  static final String DEFAULT_PATH = "/api/v1/lineage";

  private final URI endpoint;
  private final String shown;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient client;

  private HttpTransport(URI endpoint, String shown, String apiKey, Duration timeout) {
    this.endpoint = endpoint;
    this.shown = shown;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The transport {@code spec} describes, its templates resolved.
   *
   * @throws IllegalArgumentException when the URL is not an http(s) URL with a host
   */
  static HttpTransport open(LineageSpec.Http spec, Templates templates) {
    String url = templates.resolve(spec.url());
    String shown = templates.redact(spec.url());
    if (!hasPath(url)) {
      url = url.replaceAll("/+$", "") + DEFAULT_PATH;
      shown = shown.replaceAll("/+$", "") + DEFAULT_PATH;
    }
    URI endpoint = URI.create(url);
    if (endpoint.getHost() == null
        || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
      throw new IllegalArgumentException(shown + " is not an http:// or https:// URL");
    }
    String key = spec.apiKey() == null ? "" : templates.resolve(spec.apiKey());
    return new HttpTransport(endpoint, shown, key, Duration.ofSeconds(spec.timeoutSeconds()));
  }

  /** Whether a URL names a path beyond {@code /}. */
  private static boolean hasPath(String url) {
    String withoutSlash = url.replaceAll("/+$", "");
    int authority = withoutSlash.indexOf("://");
    return authority >= 0 && withoutSlash.indexOf('/', authority + 3) >= 0;
  }

  @Override
  public void send(String event) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8));
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<Void> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode());
    }
  }

  @Override
  public String describe() {
    return shown;
  }
}
