package io.etlx.warehouse.snowflake;

import io.etlx.jdbc.JdbcEndpoint;
import io.etlx.jdbc.JdbcLogin;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Templates;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/** {@code type: snowflake}: PUT to a temporary stage, COPY INTO staging, MERGE into the target. */
public final class SnowflakePlugin implements WarehousePlugin {
  @Override
  public String type() {
    return "snowflake";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/warehouse/snowflake/options.schema.json";
  }

  @Override
  public WarehouseCapabilities capabilities() {
    return SnowflakeSql.CAPABILITIES;
  }

  @Override
  public Warehouse open(PluginOptions spec, PluginContext context) {
    Templates interpolator = context.templates();
    JdbcLogin login =
        JdbcLogin.of(spec, interpolator, SnowflakePlugin::url, "", Duration.ofSeconds(60));
    Properties properties = new Properties();
    for (String key : List.of("warehouse", "database", "role")) {
      if (spec.has(key)) {
        properties.setProperty(
            key.equals("database") ? "db" : key, interpolator.resolve(spec.string(key, "")));
      }
    }
    return new JdbcWarehouse(
        new SnowflakeSql(),
        new SnowflakePutLoader(),
        login.pool("snowflake", properties, new net.snowflake.client.api.driver.SnowflakeDriver()),
        login.shownUrl(),
        context.clock());
  }

  /** OpenLineage's naming: {@code snowflake://ACCOUNT} and {@code database.schema.table}. */
  @Override
  public DatasetName dataset(
      PluginOptions spec, PluginContext context, String schema, String table) {
    Templates templates = context.templates();
    String database = spec.has("database") ? templates.resolve(spec.string("database", "")) : "";
    return JdbcEndpoint.of(spec, templates, SnowflakePlugin::url, 443)
        .map(e -> e.host().replaceFirst("(?i)\\.snowflakecomputing\\.com$", ""))
        .map(
            account ->
                new DatasetName(
                    "snowflake://" + account,
                    (database.isEmpty() ? "" : database + ".") + schema + "." + table))
        .orElseGet(() -> WarehousePlugin.super.dataset(spec, context, schema, table));
  }

  private static String url(PluginOptions spec, UnaryOperator<String> resolve) {
    return "jdbc:snowflake://"
        + resolve.apply(spec.string("account", ""))
        + ".snowflakecomputing.com/";
  }
}
