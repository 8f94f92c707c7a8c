package io.etlx.state.postgres;

import io.etlx.spi.Templates;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.PluginContext;
import io.etlx.spi.StatePlugin;
import io.etlx.state.StateStore;
import java.util.List;

/**
 * {@code type: postgres} under {@code state:}: stage executions in a shared PostgreSQL database, so many
 * workers (cron hosts, Airflow tasks, Kubernetes jobs) see the same runs, and run locks are PostgreSQL
 * advisory locks, released by the server when a worker dies.
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
    Templates interpolator = context.templates();
    String url = interpolator.resolve(spec.string("url", ""));
    return new PostgresStateStore(url, interpolator.redact(spec.string("url", "")),
        interpolator.resolve(spec.string("user", "postgres")),
        spec.has("password") ? interpolator.resolve(spec.string("password", "")) : null,
        interpolator.resolve(spec.string("schema", "etlx")));
  }
}
