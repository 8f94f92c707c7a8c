package io.etlx.engine;

import io.etlx.spi.LedgerEntry;
import io.etlx.spi.RecordSink;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine's side of {@link RecordSink}: records go to the raw partition; a source's state is
 * read from the warehouse's ledger (the latest committed load of an earlier date) only when the
 * source asks, and the state it saves goes into the raw manifest, from where this date's load
 * commits it to the ledger.
 */
final class SourceStateSink implements RecordSink {
  private final RunContext ctx;
  private final Consumer<Map<String, ?>> records;
  private String saved;

  SourceStateSink(RunContext ctx, Consumer<Map<String, ?>> records) {
    this.ctx = ctx;
    this.records = records;
  }

  @Override
  public void emit(Map<String, ?> record) {
    records.accept(record);
  }

  @Override
  public Optional<String> previousState() {
    return ctx
        .session
        .warehouse()
        .ledger(Tables.of(ctx.pipeline, ctx.session), ctx.key.pipeline())
        .stream()
        .filter(entry -> entry.date().isBefore(ctx.key.date()) && entry.sourceState() != null)
        .max(Comparator.comparing(LedgerEntry::date))
        .map(LedgerEntry::sourceState);
  }

  @Override
  public void saveState(String state) {
    saved = state;
  }

  /** The state the source saved, or null. */
  String saved() {
    return saved;
  }
}
