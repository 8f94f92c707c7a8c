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

  /**
   * How lineage names {@code schema.table} of this warehouse, from the options that locate it
   * (host, port, database, file), resolved with {@code context}'s templates: never a user, a
   * password or a URL's parameters. The default names it by the plug-in's type alone.
   */
  default DatasetName dataset(
      PluginOptions options, PluginContext context, String schema, String table) {
    return new DatasetName(type(), schema + "." + table);
  }
}
