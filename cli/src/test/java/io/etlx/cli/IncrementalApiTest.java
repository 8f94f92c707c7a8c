package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API that filters by change time, read incrementally through the CLI: the second date asks for
 * what changed since the first date's committed mark, minus the lookback.
 */
class IncrementalApiTest {
  @TempDir Path dir;

  @Test
  void theSecondDateAsksSinceTheFirstDatesCommittedMark() throws Exception {
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/changes",
        exchange -> {
          String query = String.valueOf(exchange.getRequestURI().getQuery());
          queries.add(query);
          String body =
              query.contains("since=")
                  ? "[{\"id\":1,\"status\":\"paid\",\"at\":\"2020-12-02T09:00:00Z\"}]"
                  : "[{\"id\":1,\"status\":\"new\",\"at\":\"2020-12-01T10:00:00Z\"},"
                      + "{\"id\":2,\"status\":\"new\",\"at\":\"2020-12-01T11:00:00Z\"}]";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    try {
      ShippedFiles.copyInto(dir);
      Files.writeString(
          dir.resolve("pipelines/changes.yaml"),
          """
          pipeline: changes
          source:
            type: http
            url: "http://127.0.0.1:%d/changes"
            incremental: {param: since, cursor: at, lookback: 30m}
          transform:
            version: 1
            columns:
              id:     {from: id, type: bigint}
              status: {from: status, type: string}
              at:     {from: at, type: timestamp}
          primary_key: [id]
          sink: {table: changes, mode: upsert}
          """
              .formatted(server.getAddress().getPort()));
      Map<String, String> env = Map.of("USER", "api");

      CliRun first = CliRun.in(dir, env, "run", "changes", "--date", "2020-12-01", "--env", "dev");
      CliRun second = CliRun.in(dir, env, "run", "changes", "--date", "2020-12-02", "--env", "dev");

      assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
      assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
      assertThat(queries).containsExactly("null", "since=2020-12-01T10:30:00Z");
      assertThat(
              CliRun.in(
                      dir,
                      env,
                      "query",
                      "--env",
                      "dev",
                      "select id, status from ${schema}.changes order by id")
                  .out())
          .isEqualTo("id,status\n1,paid\n2,new\n");
    } finally {
      server.stop(0);
    }
  }
}
