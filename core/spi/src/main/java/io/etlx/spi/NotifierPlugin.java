package io.etlx.spi;

/** A notification channel (log, email, webhook). */
public interface NotifierPlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.NOTIFIER;
  }

  Notifier open(PluginOptions options, PluginContext context);
}
