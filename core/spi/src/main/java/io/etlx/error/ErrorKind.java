package io.etlx.error;

/**
 * Who has to act on an error: the user (fix the input), the outside world (retry later) or us (a
 * bug).
 */
public enum ErrorKind {
  /** Bad configuration, bad arguments or bad input data: retrying without a change fails again. */
  USER,
  /** A source, warehouse or server failed or was unreachable: a retry may succeed. */
  EXTERNAL,
  /** A bug in etlx. */
  INTERNAL
}
