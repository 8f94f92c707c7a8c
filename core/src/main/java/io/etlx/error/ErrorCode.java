package io.etlx.error;

/**
 * Every error etlx reports carries one of these codes; {@code --format json} prints it so scripts can
 * react to a kind of failure without parsing messages.
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
  UNKNOWN_ENVIRONMENT(ErrorKind.USER),
  USAGE(ErrorKind.USER),
  INTERNAL(ErrorKind.INTERNAL);

  private final ErrorKind kind;

  ErrorCode(ErrorKind kind) {
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }
}
