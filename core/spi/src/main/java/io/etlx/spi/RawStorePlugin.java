package io.etlx.spi;

/** Where raw extracts are kept, written once per partition. */
public interface RawStorePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.RAW_STORE;
  }

  RawStore open(PluginOptions options, PluginContext context);
}
