package io.etlx.cli;

import io.etlx.testkit.PostgresTestServer;
import io.etlx.testkit.S3TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Where a test project's environments put data: the embedded default (DuckDB file + local raw
 * store), or real servers (PostgreSQL started from Maven artifacts + an S3-compatible server on
 * loopback).
 */
interface Backend extends AutoCloseable {
  /** The warehouse, raw store and state store lines of environment {@code env}'s overlay. */
  String overlay(String env);

  /** Process environment the overlays reference (secrets). */
  Map<String, String> secrets();

  Connection connect(Path projectDir) throws SQLException;

  /** Loses environment {@code env}'s state store, as an operator might by mistake. */
  void loseState(Path projectDir, String env) throws Exception;

  @Override
  default void close() {}

  static Backend duckdb() {
    return new Backend() {
      @Override
      public String overlay(String env) {
        return "warehouse: {type: duckdb, path: warehouse.duckdb}\n"
            + "raw_store: {type: file, path: raw-"
            + env
            + "}\n"
            + "state: {type: file, path: state-"
            + env
            + "}\n";
      }

      @Override
      public Map<String, String> secrets() {
        return Map.of();
      }

      @Override
      public Connection connect(Path projectDir) throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:" + projectDir.resolve("warehouse.duckdb"));
      }

      @Override
      public void loseState(Path projectDir, String env) throws Exception {
        try (var files = java.nio.file.Files.walk(projectDir.resolve("state-" + env))) {
          for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            java.nio.file.Files.delete(file);
          }
        }
      }
    };
  }

  static Backend postgresAndS3() {
    String url = PostgresTestServer.newDatabase();
    S3TestServer s3 = S3TestServer.start();
    s3.createBucket("etlx-raw");
    return new Backend() {
      @Override
      public String overlay(String env) {
        return """
        warehouse: {type: postgres, url: "%s", user: postgres, password: "${PG_TEST_PASSWORD:-}"}
        state: {type: postgres, url: "%s", user: postgres, schema: etlx_state}
        raw_store:
          type: s3
          bucket: etlx-raw
          prefix: %s/
          endpoint: "%s"
          path_style: true
          access_key_id: "${TEST_S3_KEY}"
          secret_access_key: "${TEST_S3_SECRET}"
        """
            .formatted(url, url, env, s3.endpoint());
      }

      @Override
      public Map<String, String> secrets() {
        return Map.of("TEST_S3_KEY", s3.accessKey(), "TEST_S3_SECRET", s3.secretKey());
      }

      @Override
      public Connection connect(Path projectDir) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
      }

      @Override
      public void loseState(Path projectDir, String env) throws Exception {
        try (Connection c = connect(projectDir);
            var statement = c.createStatement()) {
          statement.execute("DROP SCHEMA etlx_state CASCADE");
        }
      }

      @Override
      public void close() {
        s3.close();
      }
    };
  }
}
