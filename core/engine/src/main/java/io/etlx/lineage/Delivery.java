package io.etlx.lineage;

import io.etlx.spi.SecretMask;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every event through every transport, and never fails: lineage is worth less than the run it
 * describes. The first failure of a command is logged as a warning, later ones at debug level;
 * after {@value #GIVE_UP_AFTER} failures in a row a transport is dropped for the rest of the
 * command, so a server that does not answer costs a few timeouts, not one per event of a backfill.
 */
final class Delivery implements AutoCloseable {
  static final int GIVE_UP_AFTER = 3;
  private static final Logger LOG = LoggerFactory.getLogger("io.etlx.lineage");

  private final List<Channel> channels;
  private final SecretMask secrets;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * @param secrets hides resolved variables in a failure's text (a JDK message may repeat a URL)
   */
  Delivery(List<Transport> transports, SecretMask secrets) {
    this.channels = transports.stream().map(Channel::new).toList();
    this.secrets = secrets;
  }

  void send(String event) {
    channels.forEach(channel -> channel.send(event));
  }

  /** Reports a failure to make or send an event, as the policy above says. */
  void failed(String where, Exception e) {
    String reason =
        secrets.apply(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    if (warned.compareAndSet(false, true)) {
      LOG.warn(
          "lineage events to {} fail ({}); the run goes on without them, and etlx stops sending"
              + " there after {} failures in a row",
          where,
          reason,
          GIVE_UP_AFTER);
    } else {
      LOG.debug("lineage event to {} failed: {}", where, reason);
    }
  }

  @Override
  public void close() {
    channels.forEach(channel -> channel.transport.close());
  }

  /** A transport and its failures in a row. */
  private final class Channel {
    private final Transport transport;
    private final AtomicInteger failuresInARow = new AtomicInteger();

    Channel(Transport transport) {
      this.transport = transport;
    }

    void send(String event) {
      if (failuresInARow.get() >= GIVE_UP_AFTER) {
        return;
      }
      try {
        transport.send(event);
        failuresInARow.set(0);
      } catch (Exception e) {
        failuresInARow.incrementAndGet();
        failed(transport.describe(), e);
      }
    }
  }
}
