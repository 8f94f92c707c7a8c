package io.etlx.spec;

import io.etlx.spi.NotifyEvent;
import java.util.Set;

/** One notification channel and the run outcomes it fires on. */
public record NotifierSpec(PluginSpec plugin, Set<NotifyEvent> on) {
  public NotifierSpec {
    on = Set.copyOf(on);
  }
}
