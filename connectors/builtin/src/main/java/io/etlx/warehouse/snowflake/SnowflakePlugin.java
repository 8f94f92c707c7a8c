package io.etlx.warehouse.snowflake;

import io.etlx.spi.Templates;
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
    String url = url(spec, interpolator::resolve);
    String shown = url(spec, interpolator::redact);
    Properties properties = new Properties();
    for (String key : List.of("warehouse", "database", "role")) {
      if (spec.has(key)) {
        properties.setProperty(key.equals("database") ? "db" : key, interpolator.resolve(spec.string(key, "")));
      }
    }
    PooledConnections pool = new PooledConnections("snowflake", url, shown, interpolator.resolve(spec.string("user", "")),
        spec.has("password") ? interpolator.resolve(spec.string("password", "")) : null,
        (int) spec.integer("pool_size", 2), Duration.ofSeconds(spec.integer("connect_timeout_seconds", 60)), properties);
    return new JdbcWarehouse(new SnowflakeSql(), new SnowflakePutLoader(), pool, shown);
  }

  private static String url(PluginOptions spec, UnaryOperator<String> resolve) {
    return spec.has("url") ? resolve.apply(spec.string("url", ""))
        : "jdbc:snowflake://" + resolve.apply(spec.string("account", "")) + ".snowflakecomputing.com/";
  }
}
