package io.etlx.spi;

import java.util.Locale;

/** How a load writes into the target table. */
public enum WriteMode {
  /** Insert new keys, update changed rows, by primary key. */
  UPSERT,
  /** Replace every row of the logical date's partition. */
  REPLACE_PARTITION,
  /** Insert every row; only when asked for explicitly (a ledger still prevents double loads). */
  APPEND;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static WriteMode fromYaml(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
