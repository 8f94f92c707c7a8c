package io.etlx.spi;

/** A source of records (http, file, jdbc). */
public interface SourcePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.SOURCE;
  }

  /** A source bound to one run: its templates resolve {@code ${date}} to the run's logical date. */
  Source open(PluginOptions options, PluginContext context);
}
