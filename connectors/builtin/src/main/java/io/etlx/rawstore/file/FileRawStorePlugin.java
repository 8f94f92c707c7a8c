package io.etlx.rawstore.file;

import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;

/** {@code type: file}: raw partitions as files under a local directory. */
public final class FileRawStorePlugin implements RawStorePlugin {
  @Override
  public String type() {
    return "file";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/rawstore/file/options.schema.json";
  }

  @Override
  public java.util.Optional<String> location(PluginOptions spec, java.nio.file.Path projectDir) {
    String path = spec.string("path", ".etlx/raw");
    java.nio.file.Path dir = java.nio.file.Path.of(path);
    String absolute =
        path.contains("${")
            ? path
            : projectDir.resolve(dir).toAbsolutePath().normalize().toString();
    return java.util.Optional.of("file:" + (absolute.endsWith("/") ? absolute : absolute + "/"));
  }

  /** {@code file:///absolute/directory} and {@code PIPELINE/DATE}. */
  @Override
  public DatasetName dataset(PluginOptions spec, PluginContext context, PartitionKey partition) {
    java.nio.file.Path dir = context.path(spec.string("path", ".etlx/raw")).toAbsolutePath();
    return new DatasetName("file://" + dir, partition.toString());
  }

  @Override
  public RawStore open(PluginOptions spec, PluginContext context) {
    return new FileRawStore(context.path(spec.string("path", ".etlx/raw")));
  }
}
