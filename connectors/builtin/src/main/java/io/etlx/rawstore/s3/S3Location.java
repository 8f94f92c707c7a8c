package io.etlx.rawstore.s3;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.PartitionKey;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Where a raw store's objects live (a bucket and a key prefix), the keys of its partitions, and how
 * S3 failures read in messages: one line naming the object and what to check, never a credential.
 */
record S3Location(String bucket, String prefix) {
  static final String MANIFEST = "manifest.json";
  static final String ARTIFACTS = "artifacts/";

  /** The prefix without leading or trailing slashes, so keys never hold an empty path segment. */
  S3Location {
    String trimmed = prefix.replaceAll("^/+|/+$", "");
    prefix = trimmed.isEmpty() ? "" : trimmed + "/";
  }

  String pipeline(String pipeline) {
    return prefix + pipeline + "/";
  }

  String partition(PartitionKey key) {
    return pipeline(key.pipeline()) + key.date() + "/";
  }

  /**
   * The key prefix of the partition's replaced copies, {@code PIPELINE/.superseded/DATE.}, each
   * followed by the time it was replaced and a slash.
   */
  String superseded(PartitionKey key) {
    return supersededFolder(key) + key.date() + ".";
  }

  /** {@code PIPELINE/.superseded/}. */
  String supersededFolder(PartitionKey key) {
    return pipeline(key.pipeline()) + ".superseded/";
  }

  String url(String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** The store as users configured it, e.g. {@code s3://bucket/raw}. */
  String root() {
    return prefix.isEmpty() ? "s3://" + bucket : url(prefix.substring(0, prefix.length() - 1));
  }

  /**
   * Whether the object itself is missing. A missing bucket also answers 404, but it is a
   * configuration error, not an absent partition.
   */
  static boolean missingObject(AwsServiceException e) {
    if (e instanceof NoSuchKeyException) {
      return true;
    }
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() == 404 && !"NoSuchBucket".equals(code);
  }

  /**
   * A raw store failure; the cause is kept for {@code --verbose}. Refused requests (no bucket, no
   * credentials, access denied, a wrong region) are not retried: waiting will not fix them.
   */
  EtlxException failure(String action, String key, SdkException e) {
    return new EtlxException(
        refused(e) ? ErrorCode.RAW_STORE_REJECTED : ErrorCode.RAW_STORE_FAILED,
        "raw store: cannot " + action + " " + url(key) + ": " + reason(e) + "; " + hint(e),
        e);
  }

  private static boolean refused(SdkException e) {
    int status = e instanceof AwsServiceException s ? s.statusCode() : 0;
    return noCredentials(e) || (status >= 300 && status < 500 && status != 408 && status != 429);
  }

  private static String reason(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      String message = s.awsErrorDetails().errorMessage();
      String text = (code == null ? "error" : code) + " (HTTP " + s.statusCode() + ")";
      return message == null || message.isBlank() ? text : text + " " + firstLine(message);
    }
    if (noCredentials(e)) {
      // The SDK lists every provider it tried in one long paragraph; say what it means instead.
      return "no AWS credentials found in the environment, the profile or an instance role";
    }
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static boolean noCredentials(SdkException e) {
    return String.valueOf(e.getMessage()).startsWith("Unable to load credentials");
  }

  private String hint(SdkException e) {
    if (noCredentials(e)) {
      return "set access_key_id and secret_access_key, or AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY";
    }
    int status = e instanceof AwsServiceException s ? s.statusCode() : 0;
    if (status == 404 || status == 301) {
      return "check that bucket '"
          + bucket
          + "' exists and that region and endpoint point at it (not retried)";
    }
    if (status == 400 || status == 401 || status == 403) {
      return "check access_key_id/secret_access_key (or the AWS default credentials), the region"
          + " and the bucket's permissions (not retried)";
    }
    if (status >= 500) {
      return "the server failed; a retry is safe";
    }
    return "check the endpoint, the network and the AWS credentials; a retry is safe";
  }

  /** The first line, without a final period: the hint follows after a semicolon. */
  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
