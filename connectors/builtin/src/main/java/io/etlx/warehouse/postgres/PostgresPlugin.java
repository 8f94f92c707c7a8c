package io.etlx.warehouse.postgres;

import io.etlx.spi.PluginOptions;
import io.etlx.spi.PluginContext;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.jdbc.PooledConnections;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/** {@code type: postgres}: PostgreSQL 12+ through a HikariCP pool; COPY into staging, ON CONFLICT upsert. */
public final class PostgresPlugin implements WarehousePlugin {
  @Override
  public String type() {
    return "postgres";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/warehouse/postgres/options.schema.json";
  }

  @Override
  public WarehouseCapabilities capabilities() {
    return PostgresSql.CAPABILITIES;
  }


  @Override
  public Warehouse open(PluginOptions spec, PluginContext context) {
    String url = jdbcUrl(spec, context.templates()::resolve);
    String shown = jdbcUrl(spec, context.templates()::redact);
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "etlx");
    PooledConnections pool = new PooledConnections("postgres", url, shown,
        context.templates().resolve(spec.string("user", "postgres")),
        spec.has("password") ? context.templates().resolve(spec.string("password", "")) : null,
        (int) spec.integer("pool_size", 2), Duration.ofSeconds(spec.integer("connect_timeout_seconds", 30)), properties);
    return new JdbcWarehouse(new PostgresSql(), new PostgresCopyLoader(), pool, shown);
  }

  /** The JDBC URL with templates resolved by {@code resolve} (resolved for use, redacted for messages). */
  static String jdbcUrl(PluginOptions spec, UnaryOperator<String> resolve) {
    if (spec.has("url")) {
      return resolve.apply(spec.string("url", ""));
    }
    return "jdbc:postgresql://" + resolve.apply(spec.string("host", "localhost")) + ":"
        + resolve.apply(spec.string("port", "5432")) + "/" + resolve.apply(spec.string("database", "postgres"));
  }
}
