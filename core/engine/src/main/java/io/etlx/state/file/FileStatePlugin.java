package io.etlx.state.file;

import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.StatePlugin;
import io.etlx.state.StateStore;

/** {@code type: file}: the embedded state store, files under a local directory. */
public final class FileStatePlugin implements StatePlugin {
  @Override
  public String type() {
    return "file";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/state/file/options.schema.json";
  }

  @Override
  public StateStore open(PluginOptions spec, PluginContext context) {
    return new FileStateStore(context.path(spec.string("path", ".etlx/state")));
  }
}
