package io.etlx.warehouse.postgres;

import io.etlx.jdbc.JdbcEndpoint;
import io.etlx.jdbc.JdbcLogin;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code type: postgres}: PostgreSQL 12+ through a HikariCP pool; COPY into staging, ON CONFLICT
 * upsert.
 */
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
    JdbcLogin login =
        JdbcLogin.of(
            spec, context.templates(), PostgresPlugin::url, "postgres", Duration.ofSeconds(30));
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "etlx");
    return new JdbcWarehouse(
        new PostgresSql(),
        new PostgresCopyLoader(),
        login.pool("postgres", properties, new org.postgresql.Driver()),
        login.shownUrl(),
        context.clock());
  }

  /** OpenLineage's naming: {@code postgres://host:port} and {@code database.schema.table}. */
  @Override
  public DatasetName dataset(
      PluginOptions spec, PluginContext context, String schema, String table) {
    return JdbcEndpoint.of(spec, context.templates(), PostgresPlugin::url, 5432)
        .map(e -> new DatasetName("postgres://" + e.host() + ":" + e.port(), e.name(schema, table)))
        .orElseGet(() -> WarehousePlugin.super.dataset(spec, context, schema, table));
  }

  /** The JDBC URL from host, port and database. */
  static String url(PluginOptions spec, UnaryOperator<String> resolve) {
    return "jdbc:postgresql://"
        + resolve.apply(spec.string("host", "localhost"))
        + ":"
        + resolve.apply(spec.string("port", "5432"))
        + "/"
        + resolve.apply(spec.string("database", "postgres"));
  }
}
