package io.etlx.rawstore.file;

import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;

/** {@code type: file}: raw partitions as files under a local directory. */
public final class FileRawStorePlugin implements RawStorePlugin {
  @Override
  public String type() {
    return "file";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/rawstore/file/options.schema.json";
  }

  @Override
  public RawStore open(PluginOptions spec, PluginContext context) {
    return new FileRawStore(context.path(spec.string("path", ".etlx/raw")));
  }
}
