package io.etlx.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback that plays an openexchangerates-style API ({@code GET
 * /historical/YYYY-MM-DD.json}, rates that differ per day) and a webhook receiver whose answer a
 * test can switch between success and failure.
 */
final class FxServer implements AutoCloseable {
  private static final Pattern HISTORICAL =
      Pattern.compile("/historical/(\\d{4}-\\d{2}-\\d{2})\\.json");
  static final List<String> CURRENCIES = List.of("EUR", "GBP", "INR", "JPY", "USD");

  private final HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> webhookBodies = new CopyOnWriteArrayList<>();
  final List<String> secondWebhookBodies = new CopyOnWriteArrayList<>();
  volatile int apiStatus = 200;

  /** Days the API answers 503 for, whatever {@link #apiStatus} says. */
  final java.util.Set<LocalDate> unavailableDays =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  volatile int webhookStatus = 200;
  volatile int secondWebhookStatus = 200;

  /**
   * The source's data changes with its revision (a corrected upstream day): 0 serves {@link #rate}.
   */
  volatile int revision = 0;

  /** The currencies the API serves (a day with fewer rates than usual, say). */
  volatile List<String> served = CURRENCIES;

  FxServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/historical/", this::historical);
    server.createContext("/hook", this::hook);
    server.createContext(
        "/second-hook",
        exchange -> {
          secondWebhookBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          respond(exchange, secondWebhookStatus, "");
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The rate at a revision of the source: revision 0 is {@link #rate(String, LocalDate)}. */
  static String rate(String currency, LocalDate day, int revision) {
    if (revision == 0 || currency.equals("USD")) {
      return rate(currency, day);
    }
    return (CURRENCIES.indexOf(currency) + 1) * 10 + revision * 100 + ".5";
  }

  /** The rate of a currency on a day, as the server serves it: distinct for every day. */
  static String rate(String currency, LocalDate day) {
    int index = CURRENCIES.indexOf(currency);
    if (currency.equals("USD")) {
      return "1";
    }
    return (index + 1) * 10 + "." + String.format("%02d", day.getDayOfMonth()) + "1234";
  }

  private void historical(HttpExchange exchange) throws IOException {
    requests.add(exchange.getRequestURI().toString());
    Matcher m = HISTORICAL.matcher(exchange.getRequestURI().getPath());
    if (apiStatus != 200 || !m.matches()) {
      respond(exchange, m.matches() ? apiStatus : 404, "{\"error\": true}");
      return;
    }
    LocalDate day = LocalDate.parse(m.group(1));
    if (unavailableDays.contains(day)) {
      respond(exchange, 503, "{\"error\": true}");
      return;
    }
    StringBuilder rates = new StringBuilder();
    for (String currency : served) {
      rates
          .append(rates.length() == 0 ? "" : ", ")
          .append('"')
          .append(currency)
          .append("\": ")
          .append(rate(currency, day, revision));
    }
    respond(
        exchange,
        200,
        "{\"base\": \"USD\", \"timestamp\": 1606780800, \"rates\": {" + rates + "}}");
  }

  private void hook(HttpExchange exchange) throws IOException {
    webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    respond(exchange, webhookStatus, "");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  Map<String, String> expectedRates(LocalDate day) {
    return Map.of(
        "EUR",
        rate("EUR", day),
        "GBP",
        rate("GBP", day),
        "INR",
        rate("INR", day),
        "JPY",
        rate("JPY", day),
        "USD",
        rate("USD", day));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
