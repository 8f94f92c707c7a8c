package io.etlx.engine;

import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a long stage's progress on stderr (through the log) every few seconds: count and rate.
 */
final class Progress implements LongConsumer {
  private static final Logger LOG = LoggerFactory.getLogger("io.etlx.progress");
  private static final long EVERY_NANOS = 5_000_000_000L;
  private final String what;
  private final long start = System.nanoTime();
  private long lastReport = start;

  Progress(String what) {
    this.what = what;
  }

  @Override
  public void accept(long count) {
    long now = System.nanoTime();
    if (now - lastReport < EVERY_NANOS) {
      return;
    }
    lastReport = now;
    LOG.info("{}: {} records ({}/s)", what, count, rate(count, now));
  }

  /** Logs the final count and rate. */
  void done(long count) {
    long now = System.nanoTime();
    LOG.info(
        "{}: {} records in {} ms ({}/s)", what, count, (now - start) / 1_000_000, rate(count, now));
  }

  private long rate(long count, long now) {
    double seconds = Math.max(1e-3, (now - start) / 1e9);
    return Math.round(count / seconds);
  }
}
