package io.etlx.warehouse.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.jdbc.SqlDialect;
import io.etlx.jdbc.StageLoader;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write modes other than upsert (covered by the conformance suite), on a real DuckDB file. */
class DuckDbWarehouseTest {
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);
  private static final LocalDate DEC_2 = LocalDate.of(2020, 12, 2);
  @TempDir Path dir;

  private static TableSpec table(WriteMode mode) {
    List<TableSpec.Column> columns =
        List.of(
            new TableSpec.Column("day", ColumnType.DATE),
            new TableSpec.Column("code", ColumnType.STRING),
            new TableSpec.Column("amount", ColumnType.parse("decimal(10,2)")));
    return new TableSpec(
        "s",
        "t",
        columns,
        List.of("day", "code"),
        mode,
        mode == WriteMode.REPLACE_PARTITION ? "day" : null,
        null);
  }

  @Test
  void aNullKeyIsNamedByTheRowItIsIn() throws Exception {
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), null, 0)) {
      assertThatThrownBy(
              () ->
                  load(
                      w,
                      WriteMode.UPSERT,
                      DEC_1,
                      "\"2020-12-01\",\"A\",\"1.00\"\n\"2020-12-01\",,\"2.00\"\n"))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NULL_KEY))
          .hasMessageContaining(
              "1 row(s) have a NULL in primary key column(s) day, code, e.g."
                  + " (day=2020-12-01, code=null)");
    }
  }

  @Test
  void aFileNamedLikeTheSchemaIsNoAmbiguity() throws Exception {
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("s.duckdb"), null, 0)) {
      load(w, WriteMode.UPSERT, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");

      assertThat(rows(w)).containsExactly(List.of("2020-12-01", "A", "1.00"));
    }
  }

  @Test
  void theLedgerKeepsUtcWhateverTheJvmsTimeZone() throws Exception {
    java.util.TimeZone original = java.util.TimeZone.getDefault();
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), null, 0)) {
      Instant before = Instant.now().minusMillis(1);
      w.load(
          new LoadRequest(
              table(WriteMode.UPSERT),
              rowsFile("\"2020-12-01\",\"A\",\"1.00\"\n"),
              new LedgerEntry("p", "dev", DEC_1, "id-1", "raw", "rows", "fp", 1, before, null)));

      // stamped inside the load's transaction, read back as the same instant
      Instant committed = w.ledger(table(WriteMode.UPSERT), "p", DEC_1).orElseThrow().committedAt();
      assertThat(committed).isBetween(before, Instant.now());
      assertThat(w.query("SELECT epoch_us(committed_at) FROM s._etlx_loads", 1).rows())
          .containsExactly(
              List.of(
                  Long.toString(
                      java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, committed))));
    } finally {
      java.util.TimeZone.setDefault(original);
    }
  }

  @Test
  void replacePartitionReplacesOnlyTheLogicalDatesRows() throws Exception {
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), "1GB", 1)) {
      load(
          w,
          WriteMode.REPLACE_PARTITION,
          DEC_1,
          "\"2020-12-01\",\"A\",\"1.00\"\n\"2020-12-01\",\"B\",\"2.00\"\n");
      load(w, WriteMode.REPLACE_PARTITION, DEC_2, "\"2020-12-02\",\"A\",\"3.00\"\n");
      LoadResult again =
          load(w, WriteMode.REPLACE_PARTITION, DEC_1, "\"2020-12-01\",\"C\",\"4.50\"\n");

      assertThat(again.rowsDeleted()).isEqualTo(2);
      assertThat(rows(w))
          .containsExactly(List.of("2020-12-01", "C", "4.50"), List.of("2020-12-02", "A", "3.00"));
      assertThatThrownBy(
              () -> load(w, WriteMode.REPLACE_PARTITION, DEC_1, "\"2020-12-02\",\"X\",\"1\"\n"))
          .isInstanceOfSatisfying(
              EtlxException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.ROW_OUTSIDE_PARTITION));
    }
  }

  @Test
  void appendNeverAppliesTheSameLoadTwice() throws Exception {
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), null, 0)) {
      load(w, WriteMode.APPEND, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");
      LoadResult again = load(w, WriteMode.APPEND, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");

      assertThat(again.alreadyLoaded()).isTrue();
      assertThat(rows(w)).hasSize(1);
      assertThat(w.ledger(table(WriteMode.APPEND), "p", DEC_1))
          .get()
          .extracting(LedgerEntry::rows)
          .isEqualTo(1L);
      assertThatThrownBy(
              () ->
                  w.load(
                      new LoadRequest(
                          table(WriteMode.APPEND),
                          rowsFile("\"2020-12-01\",\"A\",\"9.00\"\n"),
                          new LedgerEntry(
                              "p",
                              "dev",
                              DEC_1,
                              "load-other",
                              "other-raw",
                              "other-rows",
                              "fp",
                              1,
                              Instant.now(),
                              null))))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_APPENDED));
      assertThat(rows(w)).hasSize(1);
    }
  }

  @Test
  void aDroppedAppendTableIsReloadedNotSkippedByAnOldLedgerRow() throws Exception {
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), null, 0)) {
      load(w, WriteMode.APPEND, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");
      load(w, WriteMode.APPEND, DEC_2, "\"2020-12-02\",\"B\",\"2.00\"\n");
      w.drop(table(WriteMode.APPEND));

      LoadResult first = load(w, WriteMode.APPEND, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");
      LoadResult second = load(w, WriteMode.APPEND, DEC_2, "\"2020-12-02\",\"B\",\"2.00\"\n");

      assertThat(first.alreadyLoaded()).isFalse();
      assertThat(second.alreadyLoaded()).isFalse();
      assertThat(rows(w)).hasSize(2);
      assertThat(w.ledger(table(WriteMode.APPEND), "p"))
          .extracting(LedgerEntry::date)
          .containsExactly(DEC_1, DEC_2);
    }
  }

  @Test
  void aNarrowingTypeChangeIsRefused() throws Exception {
    try (Warehouse w = DuckDbPlugin.warehouse(dir.resolve("w.duckdb"), null, 0)) {
      load(w, WriteMode.UPSERT, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");
      TableSpec bool =
          new TableSpec(
              "s",
              "t",
              List.of(
                  new TableSpec.Column("day", ColumnType.DATE),
                  new TableSpec.Column("code", ColumnType.STRING),
                  new TableSpec.Column("amount", ColumnType.parse("boolean"))),
              List.of("day", "code"),
              WriteMode.UPSERT,
              null,
              null);

      assertThatThrownBy(
              () ->
                  w.load(
                      new LoadRequest(
                          bool, rowsFile("\"2020-12-01\",\"A\",\"true\"\n"), ledger(DEC_2))))
          .isInstanceOfSatisfying(
              EtlxException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INCOMPATIBLE_TABLE))
          .hasMessage(
              "s.t.amount is DECIMAL(10,2) in the warehouse but boolean in the spec, and changing"
                  + " it would lose data; declare a compatible type, or add a transform.version"
                  + " with a cast upgrade and rebuild the table");
    }
  }

  @Test
  void workAfterTheCommitNeverTurnsACommittedLoadIntoAFailedOne() throws Exception {
    DuckDbSql duck = new DuckDbSql();
    SqlDialect failingDrop =
        new DelegatingDialect(duck) {
          @Override
          public String dropStaging(String staging) {
            return "DROP TABLE no_such_schema.no_such_table"; // fails after the commit
          }
        };
    StageLoader failingCleanUp =
        new StageLoader() {
          private final DuckDbCsvLoader csv = new DuckDbCsvLoader(duck);

          @Override
          public long load(Connection c, String staging, LoadRequest request) throws SQLException {
            return csv.load(c, staging, request);
          }

          @Override
          public String describe(String staging, LoadRequest request) {
            return csv.describe(staging, request);
          }

          @Override
          public void finished() {
            throw new IllegalStateException("cannot delete staged files");
          }
        };
    try (Warehouse w =
        new JdbcWarehouse(
            failingDrop,
            failingCleanUp,
            new DuckDbConnection(dir.resolve("w.duckdb"), null, 0),
            "test")) {
      LoadResult result = load(w, WriteMode.UPSERT, DEC_1, "\"2020-12-01\",\"A\",\"1.00\"\n");

      assertThat(result.rowsWritten()).isEqualTo(1);
      assertThat(rows(w)).containsExactly(List.of("2020-12-01", "A", "1.00"));
      assertThat(w.ledger(table(WriteMode.UPSERT), "p", DEC_1)).isPresent();
    }
  }

  private LoadResult load(Warehouse w, WriteMode mode, LocalDate date, String rows)
      throws IOException {
    return w.load(new LoadRequest(table(mode), rowsFile(rows), ledger(date)));
  }

  private static LedgerEntry ledger(LocalDate date) {
    return new LedgerEntry(
        "p",
        "dev",
        date,
        UUID.randomUUID().toString(),
        "raw-" + date,
        "rows-" + date,
        "fp",
        1,
        Instant.now(),
        null);
  }

  private Path rowsFile(String rows) throws IOException {
    Path file = Files.createTempFile(dir, "rows", ".csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(("day,code,amount\n" + rows).getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static List<List<String>> rows(Warehouse w) {
    return w.query("SELECT * FROM s.t ORDER BY day, code", 100).rows();
  }
}
