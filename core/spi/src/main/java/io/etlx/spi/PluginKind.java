package io.etlx.spi;

/** The plug-in points, named as the YAML key that selects one. */
public enum PluginKind {
  SOURCE("source"),
  RAW_STORE("raw_store"),
  WAREHOUSE("warehouse"),
  STATE("state"),
  NOTIFIER("notifier");

  private final String yamlName;

  PluginKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }
}
