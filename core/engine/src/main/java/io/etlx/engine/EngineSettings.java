package io.etlx.engine;

import java.time.Clock;
import java.time.Duration;

/**
 * Retry policy for transient failures (network, HTTP 429/5xx, a busy warehouse): up to {@code
 * retries} more attempts per stage, waiting {@code backoff}, then twice as long, and so on.
 */
public record EngineSettings(int retries, Duration backoff, Clock clock) {
  public static final EngineSettings DEFAULT =
      new EngineSettings(2, Duration.ofSeconds(2), Clock.systemUTC());

  public EngineSettings withRetries(int newRetries, Duration newBackoff) {
    return new EngineSettings(newRetries, newBackoff, clock);
  }
}
