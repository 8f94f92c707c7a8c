package io.etlx.notify.log;

import io.etlx.spi.Notifier;
import io.etlx.spi.NotifierPlugin;
import io.etlx.spi.NotifyEvent;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: log}: writes the run outcome to the log (stderr), one line with a timestamp: which
 * run succeeded with how many rows, or which run failed at which stage.
 */
public final class LogNotifierPlugin implements NotifierPlugin {
  private static final Logger LOG = LoggerFactory.getLogger("io.etlx.notify");

  @Override
  public String type() {
    return "log";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/notify/log/options.schema.json";
  }

  @Override
  public Notifier open(PluginOptions spec, PluginContext context) {
    return notification -> {
      if (notification.outcome() == NotifyEvent.SUCCESS) {
        LOG.info("{}: {} rows loaded", notification.subject(), notification.rowsLoaded());
        notification
            .warnings()
            .forEach(
                w ->
                    LOG.warn(
                        "{}: {}: {}",
                        notification.subject(),
                        w.severity().yamlName(),
                        w.describe()));
      } else {
        // the outcome only: the error itself is printed once, by the command that ran the
        // pipeline (on stderr, or in a backfill's summary)
        LOG.error("{}", notification.subject());
      }
    };
  }
}
