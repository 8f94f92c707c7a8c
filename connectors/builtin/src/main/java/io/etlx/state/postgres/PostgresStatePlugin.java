package io.etlx.state.postgres;

import io.etlx.jdbc.JdbcLogin;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.StatePlugin;
import io.etlx.state.StateStore;
import java.time.Duration;

/**
 * {@code type: postgres} under {@code state:}: stage executions in a shared PostgreSQL database, so
 * many workers (cron hosts, Airflow tasks, Kubernetes jobs) see the same runs, and run locks are
 * PostgreSQL advisory locks, released by the server when a worker dies.
 */
public final class PostgresStatePlugin implements StatePlugin {
  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/state/postgres/options.schema.json";
  }

  @Override
  public StateStore open(PluginOptions spec, PluginContext context) {
    JdbcLogin login =
        JdbcLogin.of(
            spec,
            context.templates(),
            (options, resolve) -> "",
            "postgres",
            Duration.ofSeconds(30));
    return new PostgresStateStore(
        login, context.templates().resolve(spec.string("schema", "etlx")));
  }
}
