package io.etlx.notify.webhook;

import io.etlx.spi.Notifier;
import io.etlx.spi.NotifierPlugin;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import java.time.Duration;

/** {@code type: webhook}: POSTs the run outcome as JSON to a URL (e.g. a chat incoming webhook). */
public final class WebhookNotifierPlugin implements NotifierPlugin {
  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/notify/webhook/options.schema.json";
  }

  @Override
  public Notifier open(PluginOptions spec, PluginContext context) {
    return new WebhookNotifier(
        spec.string("url", null),
        spec.strings("headers"),
        Duration.ofSeconds(spec.integer("timeout_seconds", 10)),
        context.templates());
  }
}
