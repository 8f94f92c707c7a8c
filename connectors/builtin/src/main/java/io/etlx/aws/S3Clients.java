package io.etlx.aws;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3 clients from plug-in options, so every plug-in that talks to S3 (the raw store, Redshift
 * staging) takes the same option names: {@code region}, {@code endpoint}, {@code path_style},
 * {@code access_key_id} and {@code secret_access_key}.
 */
public final class S3Clients {
  public static final String DEFAULT_REGION = "us-east-1";

  private S3Clients() {}

  /**
   * A client for the options of {@code spec}, templates resolved with the context's interpolator.
   * Without explicit keys the SDK's default chain applies (environment, profile, instance role).
   */
  public static S3Client create(PluginOptions spec, PluginContext context) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(context.templates().resolve(spec.string("region", DEFAULT_REGION))))
            .forcePathStyle(spec.bool("path_style", false))
            .credentialsProvider(credentials(spec, context))
            // a server that accepts the connection and never answers fails the call in seconds, not
            // minutes: each attempt and the whole call (with the SDK's own retries) are bounded
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(
                            Duration.ofSeconds(spec.integer("attempt_timeout_seconds", 30)))
                        .apiCallTimeout(Duration.ofSeconds(spec.integer("timeout_seconds", 120))));
    if (spec.has("endpoint")) {
      builder
          .endpointOverride(endpoint(context.templates().resolve(spec.string("endpoint", null))))
          // S3-compatible servers (older MinIO, Ceph, GCS interop) reject the SDK's default
          // CRC trailers; AWS itself keeps the stronger default.
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  /** Option problems the schema cannot express; messages name the option. */
  public static List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>();
    if (spec.has("access_key_id") != spec.has("secret_access_key")) {
      problems.add(
          "access_key_id and secret_access_key go together: set both, or neither to use the AWS"
              + " default credentials (environment, profile, instance role)");
    }
    return problems;
  }

  private static AwsCredentialsProvider credentials(PluginOptions spec, PluginContext context) {
    if (!spec.has("access_key_id") || !spec.has("secret_access_key")) {
      return DefaultCredentialsProvider.builder().build();
    }
    // Resolved here, never earlier, so the secret lives only inside the SDK's credentials object.
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(
            context.templates().resolve(spec.string("access_key_id", null)),
            context.templates().resolve(spec.string("secret_access_key", null))));
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(text, "expected http(s)://host[:port]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "s3 endpoint '"
              + text
              + "' is not a URL: expected http(s)://host[:port], e.g. http://127.0.0.1:9000",
          e);
    }
  }
}
