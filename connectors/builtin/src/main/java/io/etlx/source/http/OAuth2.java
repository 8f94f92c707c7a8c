package io.etlx.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.SecretMask;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 client credentials (RFC 6749 §4.4): a token fetched from {@code token_url} before the
 * first request, sent as {@code Authorization: Bearer}, fetched again shortly before it expires or
 * once when the API answers 401. The client secret and the token never appear in messages, the
 * manifest or the logs.
 */
final class OAuth2 {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fetched again this long before the server says it expires. */
  private static final Duration MARGIN = Duration.ofSeconds(30);

  private final URI tokenUrl;
  private final String shownTokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final Duration timeout;
  private final SecretMask mask;
  private final HttpClient client;
  private final Clock clock;
  private String token;
  private Instant expires = Instant.MIN;

  OAuth2(
      URI tokenUrl,
      String shownTokenUrl,
      String clientId,
      String clientSecret,
      String scope,
      Duration timeout,
      SecretMask mask,
      HttpClient client,
      Clock clock) {
    this.tokenUrl = tokenUrl;
    this.shownTokenUrl = shownTokenUrl;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.scope = scope;
    this.timeout = timeout;
    this.mask = mask;
    this.client = client;
    this.clock = clock;
  }

  String shownTokenUrl() {
    return shownTokenUrl;
  }

  /** The current token; a new one when it expires soon, or when {@code renew} (after a 401). */
  synchronized String token(boolean renew) {
    if (renew || token == null || clock.instant().isAfter(expires.minus(MARGIN))) {
      fetch();
    }
    return token;
  }

  private void fetch() {
    String form =
        "grant_type=client_credentials"
            + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "cannot get an OAuth2 token from "
              + shownTokenUrl
              + " ("
              + mask.apply(String.valueOf(e.getMessage()))
              + "); a rerun later is safe",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(ErrorCode.SOURCE_UNAVAILABLE, "interrupted getting a token", e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      boolean refused = status < 500 && status != 429;
      throw new EtlxException(
          refused ? ErrorCode.SOURCE_REJECTED : ErrorCode.SOURCE_UNAVAILABLE,
          "the OAuth2 token endpoint "
              + shownTokenUrl
              + " answered HTTP "
              + status
              + (refused
                  ? "; check client_id, client_secret and scope (not retried)"
                  : "; a rerun later is safe"));
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      String accessToken = body.path("access_token").asText(null);
      if (accessToken == null || accessToken.isEmpty()) {
        throw new IOException("no access_token in the answer");
      }
      token = accessToken;
      long seconds = body.path("expires_in").asLong(3600);
      expires = clock.instant().plusSeconds(seconds);
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_GARBAGE,
          "the OAuth2 token endpoint "
              + shownTokenUrl
              + " answered no usable token ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** RFC 6749 §2.3.1: the client id and secret are form-encoded inside the Basic credentials. */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
