package io.etlx.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Where a source puts what it extracts: records, and — for an incremental source — the state the
 * next date's extract starts from (e.g. the highest id seen). The state is kept with the raw
 * partition and committed by that date's load, in the warehouse's ledger, in the same transaction
 * as the data: a source's next extract only ever sees the state of data that is really in the
 * table.
 */
public interface RecordSink {
  /**
   * The largest value, in characters, a record may hold (16 Mi): a source refuses a larger one when
   * it reads it, so nothing is extracted that the transform could not read back.
   */
  int MAX_VALUE_CHARS = 16 * 1024 * 1024;

  /**
   * One record. Values are plain: String, Boolean, Integer/Long/BigInteger, BigDecimal, Double,
   * null, a {@code List} of values or a {@code Map<String, ?>} of values (nested JSON). Field order
   * is kept.
   */
  void emit(Map<String, ?> record);

  /**
   * The state the latest committed load of an earlier date carried, if any: where an incremental
   * source resumes. Reading it may consult the warehouse, so only incremental sources should ask.
   */
  default Optional<String> previousState() {
    return Optional.empty();
  }

  /** The state after this extract, committed with this date's load. */
  default void saveState(String state) {
    throw new UnsupportedOperationException("this run keeps no source state");
  }
}
