package io.etlx.error;

/**
 * Every error etlx reports carries one of these codes; {@code --format json} prints it so scripts
 * can react to a kind of failure without parsing messages.
 */
public enum ErrorCode {
  YAML_SYNTAX(ErrorKind.USER),
  YAML_DUPLICATE_KEY(ErrorKind.USER),
  FILE_UNREADABLE(ErrorKind.USER),
  MISSING_KEY(ErrorKind.USER),
  UNKNOWN_KEY(ErrorKind.USER),
  WRONG_TYPE(ErrorKind.USER),
  INVALID_VALUE(ErrorKind.USER),
  UNKNOWN_PLUGIN(ErrorKind.USER),
  UNKNOWN_COLUMN(ErrorKind.USER),
  DUPLICATE_COLUMN(ErrorKind.USER),
  BAD_COLUMN_TYPE(ErrorKind.USER),
  BAD_DATE_PATTERN(ErrorKind.USER),
  BAD_REFERENCE(ErrorKind.USER),
  UNKNOWN_VARIABLE(ErrorKind.USER),
  MISSING_ENV_VAR(ErrorKind.USER),
  DUPLICATE_PIPELINE(ErrorKind.USER),
  NAME_MISMATCH(ErrorKind.USER),
  BAD_UPGRADE(ErrorKind.USER),
  UNSUPPORTED_MODE(ErrorKind.USER),
  UNKNOWN_PIPELINE(ErrorKind.USER),
  /** {@code depends_on} makes a pipeline wait, directly or through others, for itself. */
  DEPENDENCY_CYCLE(ErrorKind.USER),
  /**
   * A pipeline it depends on has not loaded the logical date yet: run that one first (or wait); a
   * rerun once it has is safe.
   */
  UPSTREAM_NOT_LOADED(ErrorKind.EXTERNAL),
  UNKNOWN_ENVIRONMENT(ErrorKind.USER),
  USAGE(ErrorKind.USER),
  /** A source could not be reached or answered 429/5xx: retried with backoff. */
  SOURCE_UNAVAILABLE(ErrorKind.EXTERNAL, true),
  /** A source answered, but refused the request (4xx) or has no data for the date: not retried. */
  SOURCE_REJECTED(ErrorKind.EXTERNAL),
  /** A source returned data etlx cannot read (not JSON, no records at the pointer, bad CSV). */
  SOURCE_GARBAGE(ErrorKind.USER),
  /** A field the spec maps is in no record of the batch (a header typo, a renamed field). */
  MISSING_FIELD(ErrorKind.USER),
  /** A source returned no records where the pipeline does not allow an empty day. */
  EMPTY_SOURCE(ErrorKind.EXTERNAL),
  /** A record does not fit the declared column types. */
  BAD_ROW(ErrorKind.USER),
  DUPLICATE_KEY(ErrorKind.USER),
  NULL_KEY(ErrorKind.USER),
  /**
   * A declared data check with severity error failed on a batch: the load was rolled back, nothing
   * of the date reached the table.
   */
  CHECK_FAILED(ErrorKind.USER),
  /** A row's partition column differs from the logical date in replace_partition mode. */
  ROW_OUTSIDE_PARTITION(ErrorKind.USER),
  /** The target table cannot take the data without a destructive change. */
  INCOMPATIBLE_TABLE(ErrorKind.USER),
  WAREHOUSE_UNAVAILABLE(ErrorKind.EXTERNAL, true),
  /** The warehouse refused a statement for lack of a privilege: grant it, then rerun. */
  PERMISSION_DENIED(ErrorKind.USER),
  /** A concurrent transaction won (deadlock, serialisation failure): retried with backoff. */
  WAREHOUSE_CONFLICT(ErrorKind.EXTERNAL, true),
  WAREHOUSE_FAILED(ErrorKind.EXTERNAL),
  RAW_STORE_FAILED(ErrorKind.EXTERNAL, true),
  /**
   * The raw store refused the request (no bucket, no credentials, access denied): fix, then rerun.
   */
  RAW_STORE_REJECTED(ErrorKind.USER),
  STATE_STORE_FAILED(ErrorKind.EXTERNAL),
  /** The state store stayed unreachable through the retries: a rerun later is safe. */
  STATE_STORE_UNAVAILABLE(ErrorKind.EXTERNAL, true),
  NOTIFY_FAILED(ErrorKind.EXTERNAL, true),
  /** Another worker holds the lock of this pipeline, environment and date. */
  ALREADY_RUNNING(ErrorKind.USER),
  /**
   * A logical date whose SLA deadline has passed is not loaded ({@code check-sla}): run or fix the
   * pipeline for that date.
   */
  LATE(ErrorKind.EXTERNAL),
  /** A held run lock was lost (lock file deleted, database session gone): the run stops. */
  LOCK_LOST(ErrorKind.EXTERNAL),
  /** append mode: the date was already appended from other raw data or another spec. */
  ALREADY_APPENDED(ErrorKind.USER),
  /**
   * The warehouse refused a statement for reasons of the data or the spec (bad cast, constraint,
   * syntax).
   */
  WAREHOUSE_REJECTED(ErrorKind.USER),
  /**
   * A rebuild would lose loads the table holds (dates outside the range, or loads made meanwhile).
   */
  REBUILD_REFUSED(ErrorKind.USER),
  /**
   * Stored data (a raw partition, a rows file, a manifest) no longer matches its checksum or cannot
   * be read: fetching it again ({@code --re-extract}) or rebuilding it ({@code --from-stage
   * transform}) is the way out, not a retry.
   */
  CORRUPT_DATA(ErrorKind.USER),
  /** No raw partition exists for a date that must be replayed from raw data. */
  NO_RAW_DATA(ErrorKind.USER),
  /**
   * A stage needed more heap than the JVM had: give it more, then rerun (the state stays
   * consistent).
   */
  OUT_OF_MEMORY(ErrorKind.USER),
  INTERNAL(ErrorKind.INTERNAL);

  private final ErrorKind kind;
  private final boolean retryable;

  ErrorCode(ErrorKind kind) {
    this(kind, false);
  }

  ErrorCode(ErrorKind kind, boolean retryable) {
    this.kind = kind;
    this.retryable = retryable;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** Whether a stage that failed with this code is retried (with backoff) within the same run. */
  public boolean retryable() {
    return retryable;
  }
}
