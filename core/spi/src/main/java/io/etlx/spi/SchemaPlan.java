package io.etlx.spi;

import java.util.List;

/**
 * The DDL a table needs before its next load, as text for people ({@code etlx plan}), and whether
 * it does anything beyond making sure etlx's own objects exist.
 */
public record SchemaPlan(List<String> statements, boolean upToDate) {
  public SchemaPlan {
    statements = List.copyOf(statements);
  }
}
