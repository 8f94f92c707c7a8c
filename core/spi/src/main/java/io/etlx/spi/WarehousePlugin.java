package io.etlx.spi;

/**
 * A warehouse dialect. Declares its capabilities so {@code validate} can check pipelines against
 * them.
 */
public interface WarehousePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.WAREHOUSE;
  }

  WarehouseCapabilities capabilities();

  Warehouse open(PluginOptions options, PluginContext context);
}
