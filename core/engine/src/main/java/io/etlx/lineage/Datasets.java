package io.etlx.lineage;

import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import java.util.Optional;

/** Where an environment's data sets are, as lineage names them. */
public interface Datasets {
  /** A raw partition, e.g. {@code file:///project/.etlx/raw} + {@code orders/2020-12-01}. */
  DatasetName raw(PartitionKey partition);

  /** A warehouse table, e.g. {@code postgres://db:5432} + {@code analytics.raw.orders}. */
  DatasetName table(String schema, String table);

  /**
   * What the extract of a partition read, as its source describes it (secrets left as {@code
   * ${NAME}}); empty when no extract committed it.
   */
  Optional<String> source(PartitionKey partition);
}
