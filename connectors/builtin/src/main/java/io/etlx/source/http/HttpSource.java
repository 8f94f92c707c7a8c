package io.etlx.source.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.JsonPointerBasedFilter;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.JsonRecords;
import io.etlx.source.format.PlainRecords;
import io.etlx.spi.RecordSink;
import io.etlx.spi.SecretMask;
import io.etlx.spi.Source;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET of a JSON API. The body goes to a temporary file first, so that a dropped connection is
 * {@code SOURCE_UNAVAILABLE} (retried) and only a complete body can be {@code SOURCE_GARBAGE}; it
 * is then parsed as a stream, never held as one string.
 *
 * @param requestLine method and URL with secrets left as {@code ${NAME}}: the only form in messages
 * @param timeout for the whole exchange, body included, since a stalled body must not hang a run
 * @param workDir where the body is kept until it is parsed (the run's work folder)
 */
record HttpSource(
    HttpRequest request,
    String requestLine,
    List<String> headerNames,
    String pointer,
    Duration timeout,
    SecretMask mask,
    Path workDir,
    Paging paging,
    int[] pages,
    Duration interval,
    long[] lastStart,
    OAuth2 oauth,
    Duration total,
    HttpIncremental incremental)
    implements Source {

  /**
   * A page answered 429 or 503 with a Retry-After is asked again this often, as the server says.
   */
  private static final int PAGE_RETRIES = 3;

  /** A longer wait than this is not waited for: the stage fails, and a rerun later is safe. */
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One client for the process: it pools connections, and JDK 17's client cannot be closed. */
  static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  HttpSource {
    headerNames = List.copyOf(headerNames);
  }

  /** One request, no paging. */
  HttpSource(
      HttpRequest request,
      String requestLine,
      List<String> headerNames,
      String pointer,
      Duration timeout,
      SecretMask mask,
      Path workDir) {
    this(
        request,
        requestLine,
        headerNames,
        pointer,
        timeout,
        mask,
        workDir,
        null,
        new int[1],
        Duration.ZERO,
        new long[1],
        null,
        Duration.ZERO,
        null);
  }

  @Override
  public String describe() {
    String line =
        headerNames.isEmpty()
            ? requestLine
            : requestLine + " with headers " + String.join(", ", headerNames);
    if (oauth != null) {
      line += " with an OAuth2 token from " + oauth.shownTokenUrl();
    }
    if (incremental != null) {
      line += " [incremental on " + incremental.cursor() + " via " + incremental.param() + "]";
    }
    return paging == null || pages[0] == 0 ? line : line + " (" + pages[0] + " pages)";
  }

  @Override
  public void extract(RecordSink records) {
    if (incremental == null) {
      extract(request, records);
      return;
    }
    HttpIncremental.Watch watch = incremental.new Watch(records);
    URI since = Pages.withQuery(request.uri(), incremental.query(records));
    extract(HttpRequest.newBuilder(request, (name, value) -> true).uri(since).build(), watch);
    watch.finish();
  }

  private void extract(HttpRequest request, RecordSink records) {
    if (paging == null) {
      page(request, requestLine, records, body -> null);
      return;
    }
    URI uri = Pages.withQuery(request.uri(), paging.firstQuery());
    Set<String> seen = new HashSet<>(Set.of(uri.toString()));
    long[] position = {paging.firstPage(), 0};
    long deadline = total.isZero() ? Long.MAX_VALUE : System.nanoTime() + total.toNanos();
    for (int n = 1; ; n++) {
      if (System.nanoTime() > deadline) {
        throw new EtlxException(
            ErrorCode.SOURCE_UNAVAILABLE,
            requestLine
                + ": the pages took longer than total_timeout_seconds ("
                + total.toSeconds()
                + " s) after "
                + (n - 1)
                + " page(s); a rerun later is safe, or raise total_timeout_seconds");
      }
      if (n > paging.maxPages()) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            requestLine
                + " has more than "
                + paging.maxPages()
                + " pages: a server that never ends its pages; raise paginate.max_pages if the day"
                + " really has that many (not retried)");
      }
      pages[0] = n;
      String line = n == 1 ? requestLine : requestLine + " (page " + n + ")";
      URI current = uri;
      URI next =
          page(
              HttpRequest.newBuilder(request, (name, value) -> true).uri(current).build(),
              line,
              records,
              answer -> Pages.next(paging, current, answer, position, this::pointerText));
      if (next == null) {
        return;
      }
      if (!seen.add(next.toString())) {
        throw new EtlxException(
            ErrorCode.SOURCE_GARBAGE,
            line
                + " points back to a page already read ("
                + mask.apply(next.toString())
                + "): the server loops; not retried");
      }
      uri = next;
    }
  }

  /** What a page answered: its records counted, its headers and its body (until it is deleted). */
  record Answer(long records, java.net.http.HttpHeaders headers, Path body) {}

  /**
   * Fetches one page into a temporary file, emits its records, and asks {@code next} where next.
   */
  private URI page(
      HttpRequest page,
      String line,
      RecordSink records,
      java.util.function.Function<Answer, URI> next) {
    Path body = temporaryFile();
    try {
      HttpResponse<Path> response = fetch(authorized(page, false), body, line);
      if (response.statusCode() == 401 && oauth != null) {
        // the token may have been revoked or expired early: one new token, one more try
        response = fetch(authorized(page, true), body, line);
      }
      // a busy server that says when to come back is asked again then, up to a minute away;
      // otherwise the stage's own retries (with their backoff) take over
      for (int attempt = 0; busy(response.statusCode()) && attempt < PAGE_RETRIES; attempt++) {
        Optional<Duration> wait = RetryAfter.of(response.headers());
        if (wait.isEmpty() || wait.get().compareTo(LONGEST_WAIT) > 0) {
          break;
        }
        pause(wait.get());
        response = fetch(authorized(page, false), body, line);
      }
      checkStatus(response, line);
      long[] count = {0};
      try (InputStream in = Files.newInputStream(body)) {
        new JsonRecords(pointer, line)
            .read(
                in,
                StandardCharsets.UTF_8,
                PlainRecords.to(
                    new RecordSink() {
                      @Override
                      public void emit(java.util.Map<String, ?> record) {
                        count[0]++;
                        records.emit(record);
                      }
                    }));
      } catch (IOException e) {
        throw unavailable(
            line, "reading the downloaded body failed (" + mask.apply(e.getMessage()) + ")", e);
      }
      return next.apply(new Answer(count[0], response.headers(), body));
    } finally {
      try {
        Files.deleteIfExists(body);
      } catch (IOException e) {
        // left in the temp directory: harmless, and not worth failing a run that succeeded
      }
    }
  }

  /** The text at a JSON pointer of a page's body (streamed, not the whole body); null if none. */
  private String pointerText(Path body, String at) {
    try (JsonParser parser =
        new FilteringParserDelegate(
            JSON.getFactory().createParser(body.toFile()),
            new JsonPointerBasedFilter(at),
            TokenFilter.Inclusion.ONLY_INCLUDE_ALL,
            false)) {
      JsonNode node = JSON.readTree(parser);
      return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_GARBAGE, requestLine + ": cannot read " + at + " of a page", e);
    }
  }

  /** The request with the OAuth2 token, when the source has one. */
  private HttpRequest authorized(HttpRequest page, boolean renew) {
    if (oauth == null) {
      return page;
    }
    return HttpRequest.newBuilder(page, (name, value) -> true)
        .setHeader("Authorization", "Bearer " + oauth.token(renew))
        .build();
  }

  private static boolean busy(int status) {
    return status == 429 || status == 503;
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EtlxException(ErrorCode.SOURCE_UNAVAILABLE, "interrupted while waiting", e);
    }
  }

  /** Keeps requests at least {@code interval} apart (requests_per_second). */
  private void throttle() {
    if (interval.isZero()) {
      return;
    }
    long now = System.nanoTime();
    long due = lastStart[0] + interval.toNanos();
    if (lastStart[0] != 0 && now < due) {
      pause(Duration.ofNanos(due - now));
    }
    lastStart[0] = System.nanoTime();
  }

  private HttpResponse<Path> fetch(HttpRequest request, Path body, String requestLine) {
    throttle();
    CompletableFuture<HttpResponse<Path>> exchange =
        CLIENT.sendAsync(
            request,
            info ->
                ok(info.statusCode())
                    ? BodySubscribers.ofFile(body)
                    : BodySubscribers.replacing(body));
    try {
      return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw unavailable(requestLine, "no complete answer within " + timeout.toSeconds() + " s", e);
    } catch (ExecutionException e) {
      throw unavailable(requestLine, reason(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable(requestLine, "interrupted", e);
    }
  }

  private void checkStatus(HttpResponse<Path> response, String requestLine) {
    int status = response.statusCode();
    if (ok(status)) {
      return;
    }
    if (status == 429 || status >= 500) {
      String retryAfter =
          response.headers().firstValue("Retry-After").map(s -> ", retry after " + s).orElse("");
      throw new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "source unavailable: "
              + requestLine
              + " answered HTTP "
              + status
              + retryAfter
              + "; a rerun later is safe");
    }
    if (status / 100 == 3) {
      String location =
          response.headers().firstValue("Location").map(l -> " to " + mask.apply(l)).orElse("");
      throw new EtlxException(
          ErrorCode.SOURCE_REJECTED,
          "source "
              + requestLine
              + " still redirects (HTTP "
              + status
              + location
              + ") after the redirects etlx follows: a redirect loop, or one to another scheme;"
              + " point 'url' at the final address (not retried)");
    }
    throw new EtlxException(
        ErrorCode.SOURCE_REJECTED,
        "source rejected " + requestLine + " with HTTP " + status + "; " + hint(status));
  }

  private static String hint(int status) {
    if (status == 401 || status == 403) {
      return "check the credentials in 'headers' or 'query' (not retried)";
    }
    if (status == 404) {
      return "check 'url' and that the source has data for this date (not retried)";
    }
    return "check the request options (not retried)";
  }

  private String reason(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "could not connect within " + timeout.toSeconds() + " s";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (cause instanceof ConnectException) {
      String message = cause.getMessage();
      return "cannot connect: " + (message == null ? "connection refused" : mask.apply(message));
    }
    return cause.getClass().getSimpleName() + ": " + mask.apply(cause.getMessage());
  }

  private EtlxException unavailable(String requestLine, String reason, Throwable cause) {
    return new EtlxException(
        ErrorCode.SOURCE_UNAVAILABLE,
        "source unavailable: " + requestLine + " failed (" + reason + "); a rerun later is safe",
        cause);
  }

  private static boolean ok(int status) {
    return status / 100 == 2;
  }

  private Path temporaryFile() {
    try {
      Files.createDirectories(workDir);
      return Files.createTempFile(workDir, "http-", ".body");
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "cannot create a temporary file for the "
              + "answer of "
              + requestLine
              + " ("
              + e.getMessage()
              + "); free space in java.io.tmpdir",
          e);
    }
  }
}
