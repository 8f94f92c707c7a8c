package io.etlx.spi;

/** Where raw extracts are kept, written once per partition. */
public interface RawStorePlugin extends Plugin {
  @Override
  default PluginKind kind() {
    return PluginKind.RAW_STORE;
  }

  RawStore open(PluginOptions options, PluginContext context);

  /**
   * Where the store keeps partitions, as unresolved text that identifies it (e.g. {@code
   * s3://${ETLX_BUCKET}/raw/}, or an absolute directory): {@code validate} refuses two environments
   * whose locations overlap, since they would read and supersede each other's raw partitions. Empty
   * when the plug-in cannot say.
   */
  default java.util.Optional<String> location(
      PluginOptions options, java.nio.file.Path projectDir) {
    return java.util.Optional.empty();
  }

  /**
   * How lineage names a raw partition: the store's location as namespace (e.g. {@code
   * s3://my-bucket/raw}), resolved with {@code context}'s templates but never holding a credential,
   * and {@code PIPELINE/DATE} as name. The default names the store by the plug-in's type alone.
   */
  default DatasetName dataset(
      PluginOptions options, PluginContext context, PartitionKey partition) {
    return new DatasetName(type(), partition.toString());
  }
}
