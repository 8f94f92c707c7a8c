package io.etlx.rawstore.s3;

import static io.etlx.rawstore.s3.S3Location.ARTIFACTS;
import static io.etlx.rawstore.s3.S3Location.MANIFEST;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.rawstore.ManifestJson;
import io.etlx.rawstore.Superseded;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Raw partitions under {@code s3://BUCKET/PREFIX/PIPELINE/DATE/}: {@code records.ndjson.gz}, {@code
 * manifest.json} and {@code artifacts/}, the same layout as the file store. A partition exists iff
 * its manifest exists; S3 has no rename, so {@link S3RawWrite} writes the manifest last instead.
 */
final class S3RawStore implements RawStore {
  private final S3Client client;
  private final S3Location location;

  private final Path workDir;

  /**
   * @param workDir where records being written and artifacts read are kept locally
   */
  S3RawStore(S3Client client, S3Location location, Path workDir) {
    this.workDir = workDir;
    this.client = client;
    this.location = location;
  }

  @Override
  public Optional<RawManifest> manifest(PartitionKey key) {
    return manifestIn(location.partition(key));
  }

  /** The manifest under {@code folder} (a partition's key prefix, current or a replaced copy). */
  private Optional<RawManifest> manifestIn(String folder) {
    String manifest = folder + MANIFEST;
    return download(
        manifest, "read", in -> ManifestJson.read(in.readAllBytes(), location.url(manifest)));
  }

  @Override
  public RawWrite begin(PartitionKey key) {
    try {
      // Records go to a local file first: S3 needs the length up front, and an abandoned write
      // must leave nothing in the bucket.
      return new S3RawWrite(client, location, key, Files.createTempFile(work(), "raw-", ".part"));
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED,
          "raw store: cannot create a local temp file for "
              + key
              + ": "
              + e.getMessage()
              + "; check java.io.tmpdir",
          new UncheckedIOException(e));
    }
  }

  @Override
  public InputStream openRecords(PartitionKey key) {
    Optional<RawManifest> manifest = manifest(key);
    if (manifest.isEmpty()) {
      throw new EtlxException(
          ErrorCode.NO_RAW_DATA,
          "no raw data for " + key + " in " + location.root() + ": run extract first");
    }
    String records = location.partition(key) + manifest.get().format().fileName();
    try {
      return client.getObject(get(records));
    } catch (AwsServiceException e) {
      if (S3Location.missingObject(e)) {
        throw new EtlxException(
            ErrorCode.NO_RAW_DATA,
            "no raw data for " + key + " in " + location.root() + ": run extract first");
      }
      throw location.failure("read", records, e);
    } catch (SdkException e) {
      throw location.failure("read", records, e);
    }
  }

  @Override
  public void putArtifact(PartitionKey key, String name, Path file) {
    String artifact = location.partition(key) + ARTIFACTS + name;
    try {
      // A PUT is atomic: readers see the old artifact or the new one, never a partial file.
      client.putObject(b -> b.bucket(location.bucket()).key(artifact), RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw location.failure("upload", artifact, e);
    }
  }

  @Override
  public Optional<Path> artifact(PartitionKey key, String name) {
    return artifactIn(location.partition(key), name);
  }

  /** A local copy of the artifact under {@code folder} (current partition or replaced copy). */
  private Optional<Path> artifactIn(String folder, String name) {
    return download(folder + ARTIFACTS + name, "download", in -> toTempFile(in, name));
  }

  @Override
  public boolean hasArtifact(PartitionKey key, String name) {
    String artifact = location.partition(key) + ARTIFACTS + name;
    try {
      client.headObject(b -> b.bucket(location.bucket()).key(artifact));
      return true;
    } catch (AwsServiceException e) {
      if (S3Location.missingObject(e)) {
        return false;
      }
      throw location.failure("look up", artifact, e);
    } catch (SdkException e) {
      throw location.failure("look up", artifact, e);
    }
  }

  @Override
  public Optional<Path> earlierArtifact(PartitionKey key, String rawChecksum, String name) {
    String base = location.superseded(key);
    List<String> copies = new ArrayList<>();
    try {
      for (S3Object object :
          client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(base)).contents()) {
        String rest = object.key().substring(base.length()); // STAMP/manifest.json, one level
        if (rest.endsWith("/" + MANIFEST) && rest.indexOf('/') == rest.lastIndexOf('/')) {
          copies.add(object.key().substring(0, object.key().length() - MANIFEST.length()));
        }
      }
    } catch (SdkException e) {
      throw location.failure("list", base, e);
    }
    // the newest replacement first
    copies.sort(
        Comparator.comparing(
                (String copy) ->
                    Superseded.replacedAt(
                        copy.substring(copy.lastIndexOf('/', copy.length() - 2) + 1)))
            .reversed());
    for (String copy : copies) {
      if (manifestIn(copy).filter(m -> rawChecksum.equals(m.checksum())).isPresent()) {
        Optional<Path> artifact = artifactIn(copy, name);
        if (artifact.isPresent()) {
          return artifact;
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public List<LocalDate> dates(String pipeline) {
    String base = location.pipeline(pipeline);
    List<LocalDate> dates = new ArrayList<>();
    try {
      // One listing instead of a HEAD per date; superseded copies and artifacts are filtered out by
      // the shape of the key, DATE/manifest.json directly under the pipeline.
      for (S3Object object :
          client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(base)).contents()) {
        String rest = object.key().substring(base.length());
        int slash = rest.indexOf('/');
        if (slash > 0 && rest.substring(slash + 1).equals(MANIFEST)) {
          parseDate(rest.substring(0, slash)).ifPresent(dates::add);
        }
      }
    } catch (SdkException e) {
      throw location.failure("list", base, e);
    }
    dates.sort(null);
    return dates;
  }

  @Override
  public void close() {
    client.close();
  }

  private Path work() throws IOException {
    return Files.createDirectories(workDir);
  }

  private GetObjectRequest get(String key) {
    return GetObjectRequest.builder().bucket(location.bucket()).key(key).build();
  }

  private interface Reader<T> {
    T read(ResponseInputStream<GetObjectResponse> in) throws IOException;
  }

  /** The object read by {@code reader}, or empty when the object does not exist. */
  private <T> Optional<T> download(String key, String action, Reader<T> reader) {
    try (ResponseInputStream<GetObjectResponse> in = client.getObject(get(key))) {
      return Optional.of(reader.read(in));
    } catch (AwsServiceException e) {
      if (S3Location.missingObject(e)) {
        return Optional.empty();
      }
      throw location.failure(action, key, e);
    } catch (SdkException e) {
      throw location.failure(action, key, e);
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED,
          "raw store: cannot "
              + action
              + " "
              + location.url(key)
              + ": "
              + e.getMessage()
              + "; a retry is safe",
          new UncheckedIOException(e));
    }
  }

  private Path toTempFile(InputStream in, String name) throws IOException {
    // The suffix keeps the artifact's extension: readers such as DuckDB pick the format from it.
    Path file =
        Files.createTempFile(work(), "artifact-", "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"));
    try {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private static Optional<LocalDate> parseDate(String name) {
    try {
      return Optional.of(LocalDate.parse(name));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
