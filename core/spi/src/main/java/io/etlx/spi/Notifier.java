package io.etlx.spi;

/** Sends one notification; throws {@link io.etlx.error.EtlxException} when it cannot. */
public interface Notifier {
  void send(Notification notification);
}
