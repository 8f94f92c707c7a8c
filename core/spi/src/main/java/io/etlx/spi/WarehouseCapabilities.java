package io.etlx.spi;

import java.util.Set;

/**
 * What a warehouse dialect can do, declared up front so {@code validate} can refuse a pipeline
 * before a run reaches the warehouse.
 */
public record WarehouseCapabilities(
    Set<WriteMode> writeModes,
    boolean transactionalDdl,
    int maxIdentifierLength,
    boolean lowerCaseNames) {
  public WarehouseCapabilities {
    writeModes = Set.copyOf(writeModes);
  }
}
