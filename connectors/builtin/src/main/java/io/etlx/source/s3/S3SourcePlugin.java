package io.etlx.source.s3;

import io.etlx.aws.S3Clients;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.FileOptions;
import io.etlx.source.format.FileSetSource;
import io.etlx.source.format.FileSource;
import io.etlx.source.format.Globs;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code type: s3}: a day's export in a bucket — one object, or every object a glob matches, in key
 * order — read like local files (CSV, JSON, NDJSON, gzip or not). Objects are downloaded to the
 * run's work folder first, so a slow bucket never holds a half-read stream open for the length of a
 * transform, and each file's checksum goes into the raw manifest.
 */
public final class S3SourcePlugin implements SourcePlugin {
  @Override
  public String type() {
    return "s3";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/source/s3/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>(S3Clients.check(spec));
    problems.addAll(FileOptions.check(spec, spec.string("key", "")));
    return problems;
  }

  @Override
  public Source open(PluginOptions spec, PluginContext context) {
    List<String> problems = check(spec);
    if (!problems.isEmpty()) {
      throw new EtlxException(ErrorCode.INVALID_VALUE, "source." + problems.get(0));
    }
    String bucket = context.templates().resolve(spec.string("bucket", ""));
    String keyTemplate = spec.string("key", "");
    String key = context.templates().resolve(keyTemplate).replaceAll("^/+", "");
    String shownBucket = context.templates().redact(spec.string("bucket", ""));
    String shown = url(shownBucket, key);
    try (S3Client s3 = S3Clients.create(spec, context)) {
      if (!Globs.isGlob(key)) {
        return FileOptions.file(
            spec, context, keyTemplate, download(s3, bucket, key, context), url(bucket, key));
      }
      List<FileSource> files = new ArrayList<>();
      for (String match : matches(s3, bucket, key)) {
        files.add(
            FileOptions.file(
                spec,
                context,
                keyTemplate,
                download(s3, bucket, match, context),
                url(bucket, match)));
      }
      return new FileSetSource(shown, files);
    } catch (SdkException e) {
      throw failure(shown, e);
    }
  }

  private static String url(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }

  /** The keys the glob matches, in key order (S3 lists in that order). */
  private static List<String> matches(S3Client s3, String bucket, String glob) {
    int first = Globs.firstGlobChar(glob);
    String prefix = glob.substring(0, glob.lastIndexOf('/', first) + 1);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<String> keys = new ArrayList<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
            .contents()) {
      if (!object.key().endsWith("/") && matcher.matches(Path.of(object.key()))) {
        keys.add(object.key());
      }
    }
    return keys;
  }

  /** Downloads an object into the run's work folder, keeping its name (the format reads it). */
  private static Path download(S3Client s3, String bucket, String key, PluginContext context) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    try {
      Path dir = Files.createTempDirectory(context.workDir(), "s3-");
      Path local = dir.resolve(name.isEmpty() ? "object" : name);
      try {
        s3.getObject(
            GetObjectRequest.builder().bucket(bucket).key(key).build(),
            ResponseTransformer.toFile(local));
      } catch (NoSuchKeyException e) {
        throw new EtlxException(
            ErrorCode.SOURCE_REJECTED,
            "no object for "
                + context.templates().resolve("${date}")
                + ": "
                + url(bucket, key)
                + " does not exist",
            e);
      }
      return local;
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.SOURCE_UNAVAILABLE,
          "cannot download " + url(bucket, key) + " to the work folder (" + e.getMessage() + ")",
          e);
    }
  }

  /** Refused requests (no bucket, bad credentials, denied) are not retried; others are. */
  private static EtlxException failure(String shown, SdkException e) {
    int status =
        e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
            ? s.statusCode()
            : 0;
    boolean refused = status >= 300 && status < 500 && status != 408 && status != 429;
    String reason =
        e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
                && s.awsErrorDetails() != null
            ? s.awsErrorDetails().errorCode() + " (HTTP " + status + ")"
            : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return new EtlxException(
        refused ? ErrorCode.SOURCE_REJECTED : ErrorCode.SOURCE_UNAVAILABLE,
        "cannot read "
            + shown
            + ": "
            + reason
            + (refused
                ? "; check the bucket, the key and the credentials"
                : "; a rerun later is safe"),
        e);
  }
}
