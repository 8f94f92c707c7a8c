package io.etlx.spi;

import io.etlx.spec.PluginSpec;

/** A source of records (http, file, jdbc). */
public interface SourcePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.SOURCE;
  }

  /** A source bound to one run: its options resolved for the run's logical date. */
  Source open(PluginSpec spec, PluginContext context);
}
