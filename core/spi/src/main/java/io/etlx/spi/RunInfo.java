package io.etlx.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * Which execution a notification reports: the run's id (one per {@code etlx run} of a date, also in
 * the logs), the attempt of the stage that decided the outcome (the failed stage, or the load), and
 * when the run started and ended.
 */
public record RunInfo(String id, int attempt, Instant startedAt, Instant finishedAt) {
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
