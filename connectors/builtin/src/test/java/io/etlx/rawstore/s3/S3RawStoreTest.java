package io.etlx.rawstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spec.PluginSpec;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.spi.RawFormat;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;
import io.etlx.testkit.S3TestServer;
import io.etlx.validate.SchemaCheck;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

class S3RawStoreTest {
  private static final PartitionKey KEY = new PartitionKey("fx", LocalDate.of(2020, 12, 1));
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static S3TestServer s3;
  @TempDir Path dir;
  private String bucket;

  @BeforeAll
  static void startServer() {
    s3 = S3TestServer.start();
  }

  @AfterAll
  static void stopServer() {
    s3.close();
  }

  @BeforeEach
  void freshBucket() {
    bucket = "raw-" + BUCKETS.incrementAndGet();
    s3.createBucket(bucket);
  }

  @Test
  void aCommittedPartitionReadsBack() throws Exception {
    try (RawStore store = store(bucket, "team/raw")) {
      RawManifest written = write(store, KEY, "{\"a\":1}\n", "c1");

      assertThat(store.manifest(KEY)).contains(written);
      try (InputStream in = store.openRecords(KEY)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n");
      }
      assertThat(s3.listKeys(bucket, ""))
          .containsExactly(
              "team/raw/fx/2020-12-01/manifest.json", "team/raw/fx/2020-12-01/records.ndjson.zst");
    }
  }

  @Test
  void aPartitionIsInvisibleUntilCommittedAndAbandonedWritesLeaveNothing() throws Exception {
    try (RawStore store = store(bucket, "")) {
      try (RawStore.RawWrite write = store.begin(KEY)) {
        write.records().write("{}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(store.manifest(KEY)).isEmpty();
        assertThat(s3.listKeys(bucket, "")).isEmpty();
      }
      assertThat(store.manifest(KEY)).isEmpty();
      assertThat(store.dates("fx")).isEmpty();
      assertThat(s3.listKeys(bucket, "")).isEmpty();
    }
  }

  @Test
  void aMissingPartitionSaysWhereItLookedAndWhatToDo() {
    try (RawStore store = store(bucket, "/team/raw/")) {
      assertThatThrownBy(() -> store.openRecords(KEY))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_RAW_DATA))
          .hasMessage(
              "no raw data for fx/2020-12-01 in s3://" + bucket + "/team/raw: run extract first");
    }
  }

  @Test
  void replacingAPartitionKeepsTheOlderCopyAndDropsItsArtifacts() throws Exception {
    try (RawStore store = store(bucket, "raw")) {
      write(store, KEY, "first", "c1");
      store.putArtifact(KEY, "rows.csv.gz", Files.writeString(dir.resolve("rows"), "old rows"));
      write(store, KEY, "second", "c2");

      assertThat(store.manifest(KEY)).get().extracting(RawManifest::checksum).isEqualTo("c2");
      assertThat(new String(store.openRecords(KEY).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("second");
      assertThat(store.artifact(KEY, "rows.csv.gz")).isEmpty();
      List<String> older = s3.listKeys(bucket, "raw/fx/.superseded/");
      assertThat(older)
          .hasSize(3)
          .allMatch(k -> k.matches("raw/fx/\\.superseded/2020-12-01\\.[0-9T.Z-]+/.+"));
      String aside =
          older.get(0).substring(0, older.get(0).indexOf('/', "raw/fx/.superseded/".length()) + 1);
      assertThat(older)
          .containsExactly(
              aside + "artifacts/rows.csv.gz",
              aside + "manifest.json",
              aside + "records.ndjson.zst");
      assertThat(
              s3.client()
                  .getObjectAsBytes(b -> b.bucket(bucket).key(aside + "records.ndjson.zst"))
                  .asUtf8String())
          .isEqualTo("first");
      assertThat(store.dates("fx")).containsExactly(KEY.date());
    }
  }

  @Test
  void anEarlierCopysArtifactIsFoundByTheChecksumOfItsRecords() throws Exception {
    try (RawStore store = store(bucket, "earlier")) {
      write(store, KEY, "first", "c1", Instant.parse("2020-12-02T01:00:00Z"));
      store.putArtifact(KEY, "rows.csv.zst", Files.writeString(dir.resolve("r1"), "rows of c1"));
      write(store, KEY, "second", "c2", Instant.parse("2020-12-02T02:00:00Z"));
      store.putArtifact(KEY, "rows.csv.zst", Files.writeString(dir.resolve("r2"), "rows of c2"));
      write(store, KEY, "third", "c3", Instant.parse("2020-12-02T03:00:00Z"));

      assertThat(store.earlierArtifact(KEY, "c1", "rows.csv.zst"))
          .get()
          .satisfies(file -> assertThat(file.getFileName().toString()).endsWith("rows.csv.zst"))
          .extracting(S3RawStoreTest::text)
          .isEqualTo("rows of c1");
      assertThat(store.earlierArtifact(KEY, "c2", "rows.csv.zst"))
          .get()
          .extracting(S3RawStoreTest::text)
          .isEqualTo("rows of c2");
      assertThat(store.earlierArtifact(KEY, "c3", "rows.csv.zst")).isEmpty(); // the current copy
      assertThat(store.earlierArtifact(KEY, "c2", "other")).isEmpty();
      assertThat(
              store.earlierArtifact(
                  new PartitionKey("fx", KEY.date().plusDays(1)), "c2", "rows.csv.zst"))
          .isEmpty();
    }
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void artifactsAreStoredBesideThePartitionAndDownloadedWithTheirExtension() throws Exception {
    try (RawStore store = store(bucket, "")) {
      write(store, KEY, "x", "c");
      store.putArtifact(KEY, "rows.csv.gz", Files.writeString(dir.resolve("rows.tmp"), "rows"));

      Path local = store.artifact(KEY, "rows.csv.gz").orElseThrow();
      assertThat(local.getFileName().toString()).endsWith("-rows.csv.gz");
      assertThat(Files.readString(local)).isEqualTo("rows");
      assertThat(store.artifact(KEY, "other")).isEmpty();
      assertThat(s3.listKeys(bucket, "fx/2020-12-01/artifacts/"))
          .containsExactly("fx/2020-12-01/artifacts/rows.csv.gz");
    }
  }

  @Test
  void datesAreThoseWithAManifestAscending() throws Exception {
    try (RawStore store = store(bucket, "p")) {
      write(store, new PartitionKey("fx", LocalDate.of(2020, 12, 2)), "b", "c");
      write(store, KEY, "a", "c");
      write(store, KEY, "a again", "c");
      write(store, new PartitionKey("fx2", LocalDate.of(2020, 12, 5)), "other pipeline", "c");
      // Records without a manifest: a commit that failed half-way is no partition.
      s3.client()
          .putObject(
              b -> b.bucket(bucket).key("p/fx/2020-12-03/records.ndjson.gz"),
              RequestBody.fromString("x"));
      s3.client()
          .putObject(
              b -> b.bucket(bucket).key("p/fx/not-a-date/manifest.json"),
              RequestBody.fromString("{}"));

      assertThat(store.dates("fx"))
          .containsExactly(LocalDate.of(2020, 12, 1), LocalDate.of(2020, 12, 2));
      assertThat(store.dates("none")).isEmpty();
    }
  }

  @Test
  void aWrongBucketIsAPermanentFailureNamingTheObject() {
    try (RawStore store = store("no-such-bucket", "raw")) {
      assertThatThrownBy(() -> store.manifest(KEY))
          .isInstanceOfSatisfying(
              EtlxException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.RAW_STORE_REJECTED);
                assertThat(e.code().retryable()).isFalse();
                assertNoSecret(e);
              })
          .hasMessageStartingWith(
              "raw store: cannot read s3://no-such-bucket/raw/fx/2020-12-01/manifest.json:"
                  + " NoSuchBucket (HTTP 404)")
          .hasMessageEndingWith(
              "; check that bucket 'no-such-bucket' exists and that region and endpoint point at"
                  + " it (not retried)")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aServerThatNeverAnswersFailsInSecondsNotMinutes() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
      Thread accepter =
          new Thread(
              () -> {
                List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                  while (true) {
                    held.add(silent.accept()); // accepted, never answered
                  }
                } catch (java.io.IOException e) {
                  // closed at the end of the test
                }
              });
      accepter.setDaemon(true);
      accepter.start();
      String yaml =
          "bucket: b\nendpoint: http://127.0.0.1:"
              + silent.getLocalPort()
              + "\npath_style: true\nattempt_timeout_seconds: 1\ntimeout_seconds: 3\n"
              + "access_key_id: ${K}\nsecret_access_key: ${S}\n";
      long start = System.nanoTime();
      try (RawStore store = open(yaml, Map.of("K", "k", "S", "s"))) {
        assertThatThrownBy(() -> store.manifest(KEY))
            .isInstanceOfSatisfying(
                EtlxException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RAW_STORE_FAILED));
      }
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
          .isLessThan(java.time.Duration.ofSeconds(20));
    }
  }

  @Test
  void aWrongSecretFailsWithoutShowingIt() {
    String wrong = "wrong-secret-that-must-not-leak";
    String yaml =
        "bucket: "
            + bucket
            + "\nendpoint: "
            + s3.endpoint()
            + "\npath_style: true\n"
            + "access_key_id: ${AWS_ACCESS_KEY_ID}\nsecret_access_key: ${AWS_SECRET_ACCESS_KEY}\n";
    Map<String, String> env =
        Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", wrong);
    try (RawStore store = open(yaml, env)) {
      for (Runnable call :
          List.<Runnable>of(
              () -> store.manifest(KEY),
              () -> store.dates("fx"),
              () -> write(store, KEY, "x", "c"))) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                EtlxException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.RAW_STORE_REJECTED);
                  assertThat(e.getMessage())
                      .contains("SignatureDoesNotMatch (HTTP 403)")
                      .endsWith(
                          "check access_key_id/secret_access_key (or the AWS default credentials),"
                              + " the region and the bucket's permissions (not retried)");
                  assertThat(everythingPrinted(e)).doesNotContain(wrong);
                });
      }
    }
  }

  @Test
  void optionsComeFromTheEnvironmentFileWithSecretsFromTheProcess() throws Exception {
    String yaml =
        "bucket: ${env.bucket}\nprefix: raw/${env.team}\nregion: eu-west-1\nendpoint: "
            + s3.endpoint()
            + "\n"
            + "path_style: true\n"
            + "access_key_id: ${AWS_ACCESS_KEY_ID}\n"
            + "secret_access_key: ${AWS_SECRET_ACCESS_KEY}\n";
    YamlMap options = (YamlMap) YamlReader.parse(yaml, "env.yaml");
    assertThat(
            SchemaCheck.resource(S3RawStorePlugin.class, new S3RawStorePlugin().optionsSchema())
                .check(options))
        .isEmpty();
    Interpolator interpolator =
        Interpolator.withoutDate(
            Map.of("bucket", bucket, "team", "ops"),
            Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()));
    RawStorePlugin plugin =
        PluginRegistry.load().get(PluginKind.RAW_STORE, "s3", RawStorePlugin.class);

    try (RawStore store =
        plugin.open(new PluginSpec("s3", options).plain(), PluginSetup.of(dir, interpolator))) {
      write(store, KEY, "r", "c");
      assertThat(s3.listKeys(bucket, "")).contains("raw/ops/fx/2020-12-01/manifest.json");
      assertThatThrownBy(() -> store.openRecords(new PartitionKey("fx", LocalDate.of(2021, 1, 1))))
          .satisfies(e -> assertThat(everythingPrinted(e)).doesNotContain(s3.secretKey()));
    }
  }

  @Test
  void optionMistakesAreNamed() {
    YamlMap typo = (YamlMap) YamlReader.parse("buckt: b\n", "env.yaml");
    assertThat(
            SchemaCheck.resource(S3RawStorePlugin.class, new S3RawStorePlugin().optionsSchema())
                .check(typo))
        .extracting(p -> p.render())
        .contains("env.yaml:1:1: buckt: unknown key 'buckt' (did you mean 'bucket'?)");
    YamlMap half = (YamlMap) YamlReader.parse("bucket: b\naccess_key_id: ${K}\n", "env.yaml");
    assertThat(new S3RawStorePlugin().check(new PluginSpec("s3", half).plain()))
        .containsExactly(
            "access_key_id and secret_access_key go together: set both, or neither to use the AWS"
                + " default credentials (environment, profile, instance role)");
    YamlMap badEndpoint =
        (YamlMap) YamlReader.parse("bucket: b\nendpoint: localhost:9000\n", "env.yaml");
    assertThatThrownBy(() -> open(badEndpoint, Map.of()))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessage(
            "s3 endpoint 'localhost:9000' is not a URL: expected http(s)://host[:port], e.g."
                + " http://127.0.0.1:9000");
    YamlMap url = (YamlMap) YamlReader.parse("bucket: s3://b/raw\n", "env.yaml");
    assertThatThrownBy(() -> open(url, Map.of()))
        .isInstanceOfSatisfying(
            EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE))
        .hasMessage(
            "s3 raw store: bucket 's3://b/raw' is not a bucket name: write the name alone (e.g."
                + " my-bucket) and put any key path in prefix");
  }

  private RawStore store(String bucketName, String prefix) {
    String yaml =
        "bucket: "
            + bucketName
            + "\nprefix: '"
            + prefix
            + "'\nendpoint: "
            + s3.endpoint()
            + "\n"
            + "path_style: true\n"
            + "access_key_id: ${AWS_ACCESS_KEY_ID}\n"
            + "secret_access_key: ${AWS_SECRET_ACCESS_KEY}\n";
    return open(
        yaml, Map.of("AWS_ACCESS_KEY_ID", s3.accessKey(), "AWS_SECRET_ACCESS_KEY", s3.secretKey()));
  }

  private RawStore open(String yaml, Map<String, String> env) {
    return open((YamlMap) YamlReader.parse(yaml, "env.yaml"), env);
  }

  private RawStore open(YamlMap options, Map<String, String> env) {
    PluginContext context = PluginSetup.of(dir, Interpolator.withoutDate(Map.of(), env));
    return new S3RawStorePlugin().open(new PluginSpec("s3", options).plain(), context);
  }

  private static RawManifest write(
      RawStore store, PartitionKey key, String content, String checksum) {
    return write(store, key, content, checksum, Instant.EPOCH);
  }

  private static RawManifest write(
      RawStore store, PartitionKey key, String content, String checksum, Instant at) {
    RawManifest manifest =
        new RawManifest(
            key.pipeline(),
            key.date().toString(),
            "GET x",
            at,
            checksum,
            1,
            2,
            null,
            RawFormat.NDJSON);
    try (RawStore.RawWrite write = store.begin(key)) {
      write.records().write(content.getBytes(StandardCharsets.UTF_8));
      return write.commit(manifest);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertNoSecret(Throwable e) {
    assertThat(everythingPrinted(e)).doesNotContain(s3.secretKey());
  }

  /** Message, causes and stack trace, as {@code --verbose} would print them. */
  private static String everythingPrinted(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
