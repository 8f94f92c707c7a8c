package io.etlx.warehouse.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.TableSpec;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Redshift's file staging against a real S3-compatible server: upload under the prefix, delete
 * after commit.
 */
class S3CopyLoaderTest {
  @TempDir Path dir;

  @Test
  void stagesTheRowsFileAndRemovesItOnceTheLoadCommitted() throws Exception {
    try (S3TestServer s3 = S3TestServer.start()) {
      s3.createBucket("staging");
      S3CopyLoader loader =
          new S3CopyLoader(
              s3.client(),
              "staging",
              "etlx-staging",
              RedshiftCredentials.role("arn:aws:iam::1:role/r"));
      Path rows = Files.write(dir.resolve("rows.csv.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3});

      String url = loader.stage(request(rows));

      assertThat(url)
          .startsWith("s3://staging/etlx-staging/exchange_rates/2020-12-01/")
          .endsWith(".csv.gz");
      String key = url.substring("s3://staging/".length());
      assertThat(s3.listKeys("staging", "etlx-staging/")).containsExactly(key);
      byte[] stored =
          s3.client()
              .getObjectAsBytes(GetObjectRequest.builder().bucket("staging").key(key).build())
              .asByteArray();
      assertThat(stored).isEqualTo(Files.readAllBytes(rows));

      loader.finished();

      assertThat(s3.listKeys("staging", "etlx-staging/")).isEmpty();
      assertThat(loader.staged()).isEmpty();
    }
  }

  @Test
  void aMissingBucketIsARetryableFailureNamingTheObject() throws Exception {
    try (S3TestServer s3 = S3TestServer.start()) {
      S3CopyLoader loader =
          new S3CopyLoader(s3.client(), "no-such-bucket", "p/", RedshiftCredentials.role("arn"));
      Path rows = Files.write(dir.resolve("rows.csv.gz"), new byte[] {1});

      assertThatThrownBy(() -> loader.stage(request(rows)))
          .isInstanceOfSatisfying(
              EtlxException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.WAREHOUSE_UNAVAILABLE);
                assertThat(e.code().retryable()).isTrue();
              })
          .hasMessageStartingWith(
              "cannot stage rows to s3://no-such-bucket/p/exchange_rates/2020-12-01/")
          .hasMessageNotContaining(s3.secretKey());
    }
  }

  private static LoadRequest request(Path rows) {
    TableSpec table =
        new TableSpec(
            "raw",
            "t",
            List.of(new TableSpec.Column("a", ColumnType.STRING)),
            List.of("a"),
            WriteMode.UPSERT,
            null,
            null);
    return new LoadRequest(
        table,
        rows,
        new LedgerEntry(
            "exchange_rates",
            "prod",
            LocalDate.of(2020, 12, 1),
            "load-1",
            "raw",
            "rows",
            "fp",
            1,
            Instant.EPOCH,
            null));
  }
}
