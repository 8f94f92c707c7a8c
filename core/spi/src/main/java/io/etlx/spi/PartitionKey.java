package io.etlx.spi;

import java.time.LocalDate;

/** One raw partition: a pipeline's data for one logical date. */
public record PartitionKey(String pipeline, LocalDate date) {
  @Override
  public String toString() {
    return pipeline + "/" + date;
  }
}
