package io.etlx.testkit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server on loopback for tests: s3proxy over an in-memory blob store, with AWS
 * v4 signatures checked against a fixed key pair. Each instance is empty; buckets must be created.
 *
 * <pre>{@code
 * try (S3TestServer s3 = S3TestServer.start()) {
 *   s3.createBucket("raw");
 *   ... point the code under test at s3.endpoint() with path-style addressing ...
 * }
 * }</pre>
 */
public final class S3TestServer implements AutoCloseable {
  public static final String REGION = "us-east-1";
  private static final String ACCESS_KEY = "etlx-test-access-key";
  private static final String SECRET_KEY = "etlx-test-secret-key-0123456789";

  private final S3Proxy proxy;
  private final URI endpoint;
  private final S3Client client;

  private S3TestServer(S3Proxy proxy) {
    this.proxy = proxy;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    this.client = clientFor(ACCESS_KEY, SECRET_KEY);
  }

  /** Starts a server on a free loopback port (about half a second). */
  public static S3TestServer start() {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    try {
      proxy.start();
      // start() returns before Jetty accepts connections on some machines; wait until it does.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start within 10 s: " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new IllegalStateException("cannot start s3proxy: " + e, e);
    }
    return new S3TestServer(proxy);
  }

  /**
   * The server's URL, e.g. {@code http://127.0.0.1:41234}; clients must use path-style addressing.
   */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public void createBucket(String name) {
    client.createBucket(b -> b.bucket(name));
  }

  /** A client with the server's own credentials, for arranging and inspecting a test. */
  public S3Client client() {
    return client;
  }

  /** A client for this server with other credentials, e.g. to test a wrong secret. */
  public S3Client clientFor(String accessKey, String secretKey) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /** Every key under {@code prefix}, ascending. */
  public List<String> listKeys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object object :
        client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      keys.add(object.key());
    }
    return keys;
  }

  @Override
  public void close() {
    client.close();
    stopQuietly(proxy);
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      // A server that fails to stop dies with the test JVM; nothing else to do.
    }
  }
}
