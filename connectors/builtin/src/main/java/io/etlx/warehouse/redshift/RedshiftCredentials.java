package io.etlx.warehouse.redshift;

import io.etlx.jdbc.Sql;

/**
 * How Redshift's COPY reads the staged files: an IAM role (preferred), or access keys from the
 * environment. {@link #redacted()} is what logs and golden files show.
 */
public record RedshiftCredentials(
    String iamRole, String accessKeyId, String secretAccessKey, String redactedSecret) {
  public static RedshiftCredentials role(String arn) {
    return new RedshiftCredentials(arn, null, null, null);
  }

  String sql() {
    return iamRole != null
        ? "IAM_ROLE " + Sql.literal(iamRole)
        : "ACCESS_KEY_ID "
            + Sql.literal(accessKeyId)
            + " SECRET_ACCESS_KEY "
            + Sql.literal(secretAccessKey);
  }

  String redacted() {
    return iamRole != null
        ? sql()
        : "ACCESS_KEY_ID "
            + Sql.literal(accessKeyId)
            + " SECRET_ACCESS_KEY "
            + Sql.literal(redactedSecret);
  }
}
