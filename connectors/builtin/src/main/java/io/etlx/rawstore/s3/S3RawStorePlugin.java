package io.etlx.rawstore.s3;

import io.etlx.aws.S3Clients;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;
import java.util.List;

/** {@code type: s3}: raw partitions as objects in an S3 bucket (or an S3-compatible server). */
public final class S3RawStorePlugin implements RawStorePlugin {
  @Override
  public String type() {
    return "s3";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/rawstore/s3/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions spec) {
    return S3Clients.check(spec);
  }

  /**
   * {@code s3://bucket/prefix} and {@code PIPELINE/DATE}: an S3-compatible endpoint is left out.
   */
  @Override
  public DatasetName dataset(PluginOptions spec, PluginContext context, PartitionKey partition) {
    S3Location location =
        new S3Location(
            context.templates().resolve(spec.string("bucket", "")),
            context.templates().resolve(spec.string("prefix", "")));
    return new DatasetName(location.root(), partition.toString());
  }

  @Override
  public RawStore open(PluginOptions spec, PluginContext context) {
    String bucket = bucket(context.templates().resolve(spec.string("bucket", null)));
    String prefix = context.templates().resolve(spec.string("prefix", ""));
    return new S3RawStore(
        S3Clients.create(spec, context), new S3Location(bucket, prefix), context.workDir());
  }

  @Override
  public java.util.Optional<String> location(PluginOptions spec, java.nio.file.Path projectDir) {
    String prefix = spec.string("prefix", "");
    String endpoint = spec.has("endpoint") ? spec.string("endpoint", "") + " " : "";
    return java.util.Optional.of(
        endpoint
            + "s3://"
            + spec.string("bucket", "")
            + "/"
            + (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/"));
  }

  /**
   * A bucket name; {@code s3://bucket/raw} is a common slip, and its key part belongs in prefix.
   */
  private static String bucket(String name) {
    if (name.isBlank() || name.contains("/")) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "s3 raw store: bucket '"
              + name
              + "' is not a bucket name: write the name alone (e.g. my-bucket)"
              + " and put any key path in prefix");
    }
    return name;
  }
}
