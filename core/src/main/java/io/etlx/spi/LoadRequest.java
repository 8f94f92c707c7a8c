package io.etlx.spi;

import java.nio.file.Path;

/**
 * One load: the rows file (gzip-compressed CSV with a header, columns in table order, unquoted empty
 * field = NULL, every other value quoted) into the table, with the ledger entry to write in the same
 * transaction. With {@code skipIfLedgered} a load whose ledger entry (same pipeline, date, raw data and
 * spec) already exists in an existing table is not applied again: set when the state store cannot tell
 * whether an earlier attempt committed, and always for {@code append}.
 */
public record LoadRequest(TableSpec table, Path rows, LedgerEntry ledger, boolean skipIfLedgered) {}
