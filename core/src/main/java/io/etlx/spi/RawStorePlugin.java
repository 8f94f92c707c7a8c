package io.etlx.spi;

import io.etlx.spec.PluginSpec;

/** Where raw extracts are kept, written once per partition. */
public interface RawStorePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.RAW_STORE;
  }

  RawStore open(PluginSpec spec, PluginContext context);
}
