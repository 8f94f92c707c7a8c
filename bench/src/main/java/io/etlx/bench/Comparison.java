package io.etlx.bench;

/**
 * One size on one warehouse: the hand-written baseline's first load and 10%-changed rerun, and
 * etlx's first load, no-op rerun and 10%-changed rerun, all on the same files and server.
 */
record Comparison(
    long rows,
    Warehouse warehouse,
    Baseline baselineFirst,
    Baseline baselineRerun,
    EtlxCli.Run first,
    EtlxCli.Run noop,
    EtlxCli.Run changed) {

  /**
   * A baseline load: its own seconds (its JVM's start-up excluded) and its process, whose peak RSS
   * is compared with etlx's.
   */
  record Baseline(double seconds, ProcessMeter.Result process) {}
}
