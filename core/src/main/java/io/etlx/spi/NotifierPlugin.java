package io.etlx.spi;

import io.etlx.spec.PluginSpec;

/** A notification channel (log, email, webhook). */
public interface NotifierPlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.NOTIFIER;
  }

  Notifier open(PluginSpec spec, PluginContext context);
}
