package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paginated API behind a bearer token through the CLI: every page of the day is one load. */
class PaginatedApiTest {
  @TempDir Path dir;

  @Test
  void everyPageOfTheDayIsLoadedOnce() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/token",
        exchange -> answer(exchange, 200, "{\"access_token\":\"tok\",\"expires_in\":3600}"));
    server.createContext(
        "/contacts",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          String query = String.valueOf(exchange.getRequestURI().getQuery());
          if (!"Bearer tok".equals(auth)) {
            answer(exchange, 401, "{}");
          } else if (query.contains("cursor=b")) {
            answer(exchange, 200, "{\"data\":[{\"id\":3,\"email\":\"c@x\"}],\"next\":null}");
          } else {
            answer(
                exchange,
                200,
                "{\"data\":[{\"id\":1,\"email\":\"a@x\"},{\"id\":2,\"email\":\"b@x\"}],\"next\":\"b\"}");
          }
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      ShippedFiles.copyInto(dir);
      Files.writeString(
          dir.resolve("pipelines/contacts.yaml"),
          """
          pipeline: contacts
          source:
            type: http
            url: "%s/contacts"
            query: {day: "${date}"}
            records: /data
            oauth2: {token_url: "%s/token", client_id: app, client_secret: "${CRM_SECRET}"}
            paginate: {cursor_param: cursor, cursor: /next}
          transform:
            version: 1
            columns:
              contact_id: {from: id, type: bigint}
              email:      {from: email, type: string}
          primary_key: [contact_id]
          sink: {table: contacts, mode: upsert}
          """
              .formatted(base, base));
      Map<String, String> env = Map.of("USER", "pages", "CRM_SECRET", "s3cr3t");

      CliRun run = CliRun.in(dir, env, "run", "contacts", "--date", "2020-12-01", "--env", "dev");

      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
      assertThat(run.out()).contains("load       ran               3");
      assertThat(dir.resolve(".etlx/raw/contacts/2020-12-01/manifest.json"))
          .content()
          .contains("(2 pages)", "with an OAuth2 token from " + base + "/token")
          .doesNotContain("s3cr3t", "tok\"");
    } finally {
      server.stop(0);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
