package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.testkit.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** type: s3 against a real S3-compatible server on loopback: one object, a glob of parts. */
class S3SourceTest {
  private static final String HEADER =
      "order_item_id,order_id,item_name,amount,currency_code,ordered_at\n";
  private static S3TestServer s3;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    s3 = S3TestServer.start();
    s3.createBucket("exports");
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void aDaysPartsInABucketAreOnePartitionAndNoSecretIsKept() throws IOException {
    put("shop/2020-12-01/part-1.csv", HEADER + "1,10,a,1.00,EUR,2020-12-01 10:00:00\n");
    put("shop/2020-12-01/part-2.csv", HEADER + "2,10,b,2.00,EUR,2020-12-01 11:00:00\n");
    put("shop/2020-12-02/part-1.csv", HEADER + "3,11,c,3.00,EUR,2020-12-02 10:00:00\n");
    project("shop/${date}/part-*.csv");

    CliRun run = etlx("run", "order_items", "--date", "2020-12-01", "--env", "dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(
            etlx(
                    "query",
                    "--env",
                    "dev",
                    "select order_item_id from ${schema}.order_items order by 1")
                .out())
        .isEqualTo("order_item_id\n1\n2\n");
    Path manifest = dir.resolve(".etlx/raw/order_items/2020-12-01/manifest.json");
    assertThat(manifest)
        .content()
        .contains(
            "s3://exports/shop/2020-12-01/part-*.csv (2 files:"
                + " s3://exports/shop/2020-12-01/part-1.csv sha256:")
        .doesNotContain(s3.secretKey());
  }

  @Test
  void oneMissingObjectIsNamedAndAWrongBucketIsNotRetried() throws IOException {
    project("shop/${date}.csv");

    CliRun missing = etlx("run", "order_items", "--date", "2020-12-05", "--env", "dev");

    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("s3://exports/shop/2020-12-05.csv does not exist");

    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(spec, Files.readString(spec).replace("bucket: exports", "bucket: nope"));
    CliRun bucket =
        etlx("run", "order_items", "--date", "2020-12-05", "--env", "dev", "--retries", "3");
    // refused, like an HTTP source's 4xx: not retried within the run, and a later rerun is safe
    assertThat(bucket.exitCode()).isEqualTo(ExitCode.EXTERNAL);
    assertThat(bucket.err()).contains("cannot read s3://nope/shop/2020-12-05.csv", "NoSuchBucket");
  }

  private void put(String key, String text) {
    s3.client()
        .putObject(
            PutObjectRequest.builder().bucket("exports").key(key).build(),
            RequestBody.fromString(text));
  }

  private void project(String key) throws IOException {
    ShippedFiles.copyInto(dir);
    Path spec = dir.resolve("pipelines/order_items.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  type: file\n"
                    + "  path: \"pipelines/samples/order_items/${date}.csv\"\n"
                    + "  format: csv",
                "  type: s3\n  bucket: exports\n  key: \""
                    + key
                    + "\"\n  endpoint: \""
                    + s3.endpoint()
                    + "\"\n  path_style: true\n  access_key_id: ${TEST_S3_KEY}\n"
                    + "  secret_access_key: ${TEST_S3_SECRET}"));
  }

  private CliRun etlx(String... args) {
    return CliRun.in(
        dir,
        Map.of("USER", "s3src", "TEST_S3_KEY", s3.accessKey(), "TEST_S3_SECRET", s3.secretKey()),
        args);
  }
}
