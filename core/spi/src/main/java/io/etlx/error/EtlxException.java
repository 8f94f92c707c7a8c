package io.etlx.error;

/**
 * The one unchecked exception root. Its message is written for the person running etlx: one line
 * that says what is wrong and what to do. The cause, if any, is only shown with {@code --verbose}.
 */
public class EtlxException extends RuntimeException {
  private final ErrorCode code;

  public EtlxException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public EtlxException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public ErrorKind kind() {
    return code.kind();
  }
}
