package io.etlx.rawstore.s3;

import static io.etlx.rawstore.s3.S3Location.MANIFEST;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.rawstore.ManifestJson;
import io.etlx.rawstore.Superseded;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore.RawWrite;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A partition being written: records collect in a local temp file and reach S3 only on commit, so
 * an abandoned write leaves nothing in the bucket.
 */
final class S3RawWrite implements RawWrite {
  private final S3Client client;
  private final S3Location location;
  private final PartitionKey key;
  private final Path records;
  private OutputStream out;

  S3RawWrite(S3Client client, S3Location location, PartitionKey key, Path records) {
    this.client = client;
    this.location = location;
    this.key = key;
    this.records = records;
  }

  @Override
  public OutputStream records() {
    if (out == null) {
      out = local(() -> Files.newOutputStream(records));
    }
    return out;
  }

  /**
   * S3 cannot rename a folder, so the order of the calls is what keeps readers safe: the older
   * partition is copied aside and removed manifest first (it disappears rather than pairing its
   * manifest with new records), then the new records go up and the manifest last.
   */
  @Override
  public RawManifest commit(RawManifest manifest) {
    local(
        () -> {
          if (out != null) {
            out.close();
          }
          return null;
        });
    String partition = location.partition(key);
    s3(
        "replace",
        partition,
        () -> {
          List<String> older = keys(partition);
          if (older.contains(partition + MANIFEST)) {
            supersede(partition, older, manifest.fetchedAt());
          }
        });
    if (out != null) {
      // One PUT holds up to 5 GB; a raw partition is one day of one source, far below that.
      String name = partition + manifest.format().fileName();
      s3(
          "upload",
          name,
          () ->
              client.putObject(
                  b -> b.bucket(location.bucket()).key(name), RequestBody.fromFile(records)));
    }
    s3(
        "upload",
        partition + MANIFEST,
        () ->
            client.putObject(
                b ->
                    b.bucket(location.bucket())
                        .key(partition + MANIFEST)
                        .contentType("application/json"),
                RequestBody.fromBytes(ManifestJson.write(manifest))));
    deleteLocal();
    return manifest;
  }

  /** Discards an uncommitted write: nothing reached S3 yet, so only the local file goes. */
  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // The file is deleted next; a failed flush of discarded records does not matter.
      }
    }
    deleteLocal();
  }

  /**
   * Copies every object of the older partition to {@code PIPELINE/.superseded/DATE.TIMESTAMP/},
   * then deletes the originals, the manifest first: nothing is deleted before its copy exists. Like
   * the file store's move, the new partition starts empty, so no artifact derived from the old
   * records survives beside the new ones.
   */
  private void supersede(String partition, List<String> older, Instant replacedAt) {
    String aside = location.supersededFolder(key) + Superseded.name(key.date(), replacedAt) + "/";
    for (String source : older) {
      String target = aside + source.substring(partition.length());
      client.copyObject(
          b ->
              b.sourceBucket(location.bucket())
                  .sourceKey(source)
                  .destinationBucket(location.bucket())
                  .destinationKey(target));
    }
    delete(partition + MANIFEST);
    older.stream().filter(source -> !source.equals(partition + MANIFEST)).forEach(this::delete);
  }

  private void delete(String key) {
    client.deleteObject(b -> b.bucket(location.bucket()).key(key));
  }

  private List<String> keys(String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object object :
        client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()) {
      keys.add(object.key());
    }
    return keys;
  }

  private void deleteLocal() {
    try {
      Files.deleteIfExists(records);
    } catch (IOException e) {
      // A leftover temp file is invisible to readers; the OS cleans its temp directory.
    }
  }

  private void s3(String action, String key, Runnable call) {
    try {
      call.run();
    } catch (SdkException e) {
      throw location.failure(action, key, e);
    }
  }

  private interface LocalAction<T> {
    T run() throws IOException;
  }

  private <T> T local(LocalAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.RAW_STORE_FAILED,
          "raw store: cannot write the local temp file of "
              + key
              + " ("
              + records
              + "): "
              + e.getMessage()
              + "; check free space in java.io.tmpdir",
          new UncheckedIOException(e));
    }
  }
}
