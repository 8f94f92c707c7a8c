package io.etlx.engine;

import io.etlx.spi.LedgerEntry;
import io.etlx.spi.RawManifest;
import java.util.Optional;

/** What a stage's output looks like now, as far as {@link RerunRule} needs to know. */
sealed interface Evidence {
  /** Extract: the raw partition's manifest, if the partition exists. */
  record Raw(Optional<RawManifest> manifest) implements Evidence {}

  /** Transform: whether its rows file exists. */
  record Rows(boolean present) implements Evidence {}

  /**
   * Load: the warehouse ledger's entry for the date — the load whose data the table holds — or,
   * when the warehouse could not be consulted (status without its credentials), why not.
   */
  record Ledger(Optional<LedgerEntry> entry, String notConsulted) implements Evidence {
    static Ledger of(Optional<LedgerEntry> entry) {
      return new Ledger(entry, null);
    }

    static Ledger unknown(String why) {
      return new Ledger(Optional.empty(), why);
    }

    boolean consulted() {
      return notConsulted == null;
    }
  }

  /** Notify: nothing beyond its inputs. */
  record None() implements Evidence {}
}
