package io.etlx.source.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A real HTTP server on loopback that answers each path with a canned status and body. */
final class FakeApi implements AutoCloseable {
  record Answer(
      int status, String body, long delayMillis, String location, String link, String retryAfter) {
    Answer(int status, String body, long delayMillis, String location, String link) {
      this(status, body, delayMillis, location, link, null);
    }

    Answer(int status, String body, long delayMillis) {
      this(status, body, delayMillis, null, null);
    }

    Answer(int status, String body, long delayMillis, String location) {
      this(status, body, delayMillis, location, null);
    }
  }

  record Seen(String rawQuery, Map<String, List<String>> headers) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private volatile Seen last;

  FakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  FakeApi answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body, 0));
    return this;
  }

  private final Map<String, java.util.Deque<Answer>> sequences = new ConcurrentHashMap<>();
  private final List<Long> times =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** Answers {@code path} with these answers in turn, the last one from then on. */
  FakeApi answers(String path, Answer... inTurn) {
    sequences.put(path, new java.util.concurrent.ConcurrentLinkedDeque<>(List.of(inTurn)));
    return this;
  }

  /** When each request arrived (System.nanoTime). */
  List<Long> times() {
    return List.copyOf(times);
  }

  /** Answers {@code path} (with {@code ?query} when given) with a body and a Link header. */
  FakeApi answerWithLink(String path, String body, String link) {
    answers.put(path, new Answer(200, body, 0, null, link));
    return this;
  }

  /** Answers with a redirect to {@code target} (a path of this server). */
  FakeApi redirect(String path, String target) {
    answers.put(path, new Answer(302, "", 0, url(target)));
    return this;
  }

  /** Answers only after {@code delayMillis}, to run into the client's timeout. */
  FakeApi slow(String path, long delayMillis) {
    answers.put(path, new Answer(200, "[]", delayMillis));
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  Seen last() {
    return last;
  }

  private void handle(HttpExchange exchange) throws IOException {
    last =
        new Seen(exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()));
    times.add(System.nanoTime());
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    java.util.Deque<Answer> sequence = sequences.get(path);
    Answer answer =
        sequence != null
            ? (sequence.size() > 1 ? sequence.poll() : sequence.peek())
            : query != null && answers.containsKey(path + "?" + query)
                ? answers.get(path + "?" + query)
                : answers.getOrDefault(path, new Answer(404, "not found", 0));
    pause(answer.delayMillis());
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (answer.location() != null) {
      exchange.getResponseHeaders().add("Location", answer.location());
    }
    if (answer.link() != null) {
      exchange.getResponseHeaders().add("Link", answer.link());
    }
    if (answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
