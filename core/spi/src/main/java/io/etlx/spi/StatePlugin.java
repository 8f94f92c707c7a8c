package io.etlx.spi;

import io.etlx.state.StateStore;

/** Where stage executions are recorded. */
public interface StatePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.STATE;
  }

  StateStore open(PluginOptions options, PluginContext context);
}
