package io.etlx.warehouse.redshift;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.DefaultSql;
import io.etlx.jdbc.Sql;
import io.etlx.jdbc.StageLoader;
import io.etlx.spi.Compression;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.RowsFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Redshift's bulk load: the rows file goes to an S3 staging prefix, then {@code COPY … FROM
 * 's3://…'} loads it inside the load's transaction, with options stating the {@link RowsFile}
 * contract in Redshift's terms. Staged files are deleted once the load's transaction ended.
 */
public final class S3CopyLoader implements StageLoader {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final RedshiftCredentials credentials;
  private final List<String> staged = new ArrayList<>();

  public S3CopyLoader(S3Client s3, String bucket, String prefix, RedshiftCredentials credentials) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    this.credentials = credentials;
  }

  @Override
  public long load(Connection c, String staging, LoadRequest request) throws SQLException {
    String url = stage(request);
    try (Statement statement = c.createStatement()) {
      return statement.executeUpdate(copy(staging, request, url, credentials.sql()));
    }
  }

  /** Uploads the rows file under the staging prefix; returns its {@code s3://} URL. */
  public String stage(LoadRequest request) {
    String key =
        prefix
            + request.ledger().pipeline()
            + "/"
            + request.ledger().date()
            + "/"
            + UUID.randomUUID()
            + suffix(request);
    try {
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), request.rows());
    } catch (SdkException e) {
      throw new EtlxException(
          ErrorCode.WAREHOUSE_UNAVAILABLE,
          "cannot stage rows to s3://"
              + bucket
              + "/"
              + key
              + " for Redshift COPY: "
              + e.getMessage()
              + "; a rerun later is safe",
          e);
    }
    staged.add(key);
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public String describe(String staging, LoadRequest request) {
    return copy(
        staging,
        request,
        "s3://" + bucket + "/" + prefix + "PIPELINE/DATE/UUID" + suffix(request),
        credentials.redacted());
  }

  /**
   * Empty strings load as NULL: Redshift's COPY cannot tell {@code ""} from an empty field
   * (README).
   */
  private static String copy(String staging, LoadRequest request, String url, String credentials) {
    return "COPY "
        + staging
        + " ("
        + DefaultSql.columnList(request.table())
        + ") FROM "
        + Sql.literal(url)
        + " "
        + credentials
        + " FORMAT AS CSV "
        + (RowsFile.compression(request.rows()) == Compression.GZIP ? "GZIP" : "ZSTD")
        + " IGNOREHEADER 1 EMPTYASNULL TIMEFORMAT 'auto' DATEFORMAT 'auto'";
  }

  private static String suffix(LoadRequest request) {
    return RowsFile.compression(request.rows()) == Compression.GZIP ? ".csv.gz" : ".csv.zst";
  }

  @Override
  public void finished() {
    for (String key : staged) {
      try {
        s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
      } catch (SdkException e) {
        // a leftover staged file costs storage, not correctness; an S3 lifecycle rule can expire
        // the prefix
      }
    }
    staged.clear();
  }

  /** Keys staged and not yet cleaned up (for tests and diagnostics). */
  public List<String> staged() {
    return List.copyOf(staged);
  }
}
