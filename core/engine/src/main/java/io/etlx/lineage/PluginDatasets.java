package io.etlx.lineage;

import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;
import io.etlx.spi.WarehousePlugin;
import java.util.Optional;

/**
 * An environment's data sets as its raw store and warehouse plug-ins name them; a source as the raw
 * manifest its extract committed describes it. A name that cannot be made (a variable not set)
 * falls back to the plug-in's type, so lineage never stops a run.
 *
 * @param store the open raw store, where the manifests are read
 */
public record PluginDatasets(
    RawStorePlugin rawStore,
    PluginOptions rawStoreOptions,
    WarehousePlugin warehouse,
    PluginOptions warehouseOptions,
    PluginContext context,
    RawStore store)
    implements Datasets {

  @Override
  public DatasetName raw(PartitionKey partition) {
    try {
      return rawStore.dataset(rawStoreOptions, context, partition);
    } catch (RuntimeException e) {
      return new DatasetName(rawStore.type(), partition.toString());
    }
  }

  @Override
  public DatasetName table(String schema, String table) {
    try {
      return warehouse.dataset(warehouseOptions, context, schema, table);
    } catch (RuntimeException e) {
      return new DatasetName(warehouse.type(), schema + "." + table);
    }
  }

  @Override
  public Optional<String> source(PartitionKey partition) {
    try {
      return store.manifest(partition).map(RawManifest::request);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
