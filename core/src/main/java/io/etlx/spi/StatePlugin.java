package io.etlx.spi;

/** Where stage executions are recorded. */
public interface StatePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.STATE;
  }
}
