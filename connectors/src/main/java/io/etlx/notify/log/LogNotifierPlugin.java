package io.etlx.notify.log;

import io.etlx.spi.NotifierPlugin;

/** {@code type: log}: writes the run outcome to the log (stderr). */
public final class LogNotifierPlugin implements NotifierPlugin {
  @Override
  public String type() {
    return "log";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/notify/log/options.schema.json";
  }
}
