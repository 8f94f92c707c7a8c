package io.etlx.spi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of the warehouse's {@code _etlx_loads} ledger, written in the same transaction as the data: the
 * proof that a load committed, which decides what a rerun does when the state store is unsure.
 */
public record LedgerEntry(
    String pipeline,
    String environment,
    LocalDate date,
    String rawChecksum,
    String specFingerprint,
    long rows,
    Instant committedAt) {}
