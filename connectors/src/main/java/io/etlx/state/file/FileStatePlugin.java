package io.etlx.state.file;

import io.etlx.spi.StatePlugin;

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
}
