package io.etlx.spi;

/** A source of records (http, file, jdbc). */
public interface SourcePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.SOURCE;
  }
}
