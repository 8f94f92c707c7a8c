package org.duckdb;

/**
 * Stands in for the DuckDB driver's class of the same name, which the CLI's jar puts first on the
 * class path. The driver's own registers a Java Flight Recorder event on its first connection,
 * which starts JFR's machinery: 0.1–0.15 s and ~15 MB in every etlx command that opens DuckDB, for
 * memory events nobody records. This one does nothing; {@code DuckDbDriverShimTest} checks that it
 * still has every method the driver calls.
 */
final class JfrMemoryMonitor {
  private JfrMemoryMonitor() {}

  static void init() {}

  static void connectionOpened(DuckDBConnection connection) {}

  static void connectionClosed(long address) {}
}
