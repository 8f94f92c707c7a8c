package io.etlx.warehouse.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import io.etlx.spi.DataCheck.Severity;
import io.etlx.spi.DiffResult;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.RowsFiles;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared data checks on the load path of every dialect that runs here: evaluated on the staged
 * batch inside the load's transaction, before the merge. An error rolls the load back (table and
 * ledger unchanged), warn loads and reports, quarantine loads the passing rows and keeps the
 * failing ones in {@code _etlx_rejects}, batch checks count rows.
 */
abstract class DataCheckConformance {
  private static final LocalDate DEC_1 = LocalDate.of(2020, 12, 1);
  private static final LocalDate DEC_2 = LocalDate.of(2020, 12, 2);
  private static final LocalDate DEC_3 = LocalDate.of(2020, 12, 3);
  private static final List<String> HEADER = List.of("day", "code", "amount", "qty", "seen_at");

  @TempDir Path dir;
  private int files;

  /** A warehouse of the dialect under test, empty, writing into schema {@code checks}. */
  abstract Warehouse open(Path dir) throws Exception;

  /** Whether the dialect's rejects (row as JSON) run here; not Redshift's SQL on PostgreSQL. */
  boolean quarantineRunsHere() {
    return true;
  }

  private static TableSpec table(DataCheck... checks) {
    return new TableSpec(
        "checks",
        "rates",
        List.of(
            new TableSpec.Column("day", ColumnType.DATE),
            new TableSpec.Column("code", ColumnType.STRING),
            new TableSpec.Column("amount", ColumnType.parse("decimal(10,2)")),
            new TableSpec.Column("qty", ColumnType.parse("integer")),
            new TableSpec.Column("seen_at", ColumnType.parse("timestamp"))),
        List.of("day", "code"),
        WriteMode.UPSERT,
        null,
        null,
        1,
        List.of(),
        List.of(checks));
  }

  /** Rows of {@code day}: code, amount, qty (null = NULL), seen at noon. */
  private static List<String[]> rows(LocalDate day, String... codeAmountQty) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < codeAmountQty.length; i += 3) {
      rows.add(
          new String[] {
            day.toString(),
            codeAmountQty[i],
            codeAmountQty[i + 1],
            codeAmountQty[i + 2],
            day + " 12:00:00.000000"
          });
    }
    return rows;
  }

  private LoadResult load(Warehouse w, TableSpec table, LocalDate day, List<String[]> rows) {
    Path file = dir.resolve("rows-" + files++ + ".csv.gz");
    RowsFiles.write(file, HEADER, rows);
    return w.load(
        new LoadRequest(
            table,
            file,
            new LedgerEntry(
                "fx",
                "test",
                day,
                UUID.randomUUID().toString(),
                "raw-" + files,
                "rows-" + files,
                "spec",
                rows.size(),
                Instant.parse("2020-12-05T00:00:00Z"),
                null)));
  }

  private static List<List<String>> select(Warehouse w, String sql) {
    return w.query(sql, 1000).rows();
  }

  private static List<List<String>> table(Warehouse w) {
    return select(w, "SELECT day, code, amount FROM checks.rates ORDER BY day, code");
  }

  private static List<List<String>> ledger(Warehouse w) {
    return select(
        w, "SELECT logical_date, load_id, row_count FROM checks._etlx_loads ORDER BY logical_date");
  }

  @Test
  void aFailingErrorCheckRollsTheLoadBackAndNamesTheRows() throws Exception {
    try (Warehouse w = open(dir)) {
      TableSpec good = table();
      load(w, good, DEC_1, rows(DEC_1, "EUR", "1.00", "1", "USD", "1.00", "2"));
      List<List<String>> tableBefore = table(w);
      List<List<String>> ledgerBefore = ledger(w);
      TableSpec checked =
          table(
              new DataCheck.Max("amount", "1000.00", Severity.ERROR),
              new DataCheck.NotNull("qty", Severity.ERROR),
              new DataCheck.Max("qty", "100", Severity.WARN));

      assertThatThrownBy(
              () ->
                  load(
                      w,
                      checked,
                      DEC_1,
                      rows(
                          DEC_1, "EUR", "1500.00", "1", "GBP", "2.00", null, "JPY", "2000.50",
                          "500", "USD", "1.00", "2")))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECK_FAILED))
          .hasMessageContaining("2 data check(s) of pipeline fx failed")
          .hasMessageContaining("nothing of 2020-12-01 was loaded")
          .hasMessageContaining(
              "amount is above 1000.00 (max): 2 row(s), e.g. (day=2020-12-01, code=EUR,"
                  + " amount=1500.00), (day=2020-12-01, code=JPY, amount=2000.50)")
          .hasMessageContaining(
              "qty is NULL (not_null): 1 row(s), e.g. (day=2020-12-01, code=GBP, qty=NULL)")
          .hasMessageNotContaining("qty is above 100");
      assertThat(table(w)).isEqualTo(tableBefore);
      assertThat(ledger(w)).isEqualTo(ledgerBefore);
    }
  }

  @Test
  void aFailingWarnCheckLoadsTheBatchAndReportsIt() throws Exception {
    try (Warehouse w = open(dir)) {
      TableSpec checked =
          table(
              new DataCheck.AcceptedValues("code", List.of("EUR", "USD"), Severity.WARN),
              new DataCheck.Min("amount", "0.00", Severity.WARN),
              new DataCheck.Min("day", "2020-01-01", Severity.ERROR),
              new DataCheck.Max("seen_at", "2020-12-31 00:00:00.000000", Severity.ERROR),
              new DataCheck.AcceptedValues("qty", List.of("1", "2"), Severity.ERROR));

      LoadResult result =
          load(w, checked, DEC_1, rows(DEC_1, "EUR", "1.00", "1", "XXX", "-1.00", "2"));

      assertThat(result.rowsWritten()).isEqualTo(2);
      assertThat(table(w)).hasSize(2);
      assertThat(result.checks()).hasSize(5);
      assertThat(result.checks().stream().filter(CheckResult::isWarning))
          .extracting(CheckResult::describe)
          .containsExactly(
              "code is not one of EUR, USD (accepted_values): 1 row(s), e.g. (day=2020-12-01,"
                  + " code=XXX)",
              "amount is below 0.00 (min): 1 row(s), e.g. (day=2020-12-01, code=XXX,"
                  + " amount=-1.00)");
      assertThat(result.checks().subList(2, 5)).allMatch(CheckResult::passed);
    }
  }

  @Test
  void quarantineLoadsThePassingRowsAndKeepsTheOthersWithTheReason() throws Exception {
    assumeTrue(quarantineRunsHere());
    try (Warehouse w = open(dir)) {
      TableSpec checked =
          table(
              new DataCheck.Matches("code", "^[A-Z]{3}$", Severity.QUARANTINE),
              new DataCheck.Unique("amount", Severity.QUARANTINE),
              new DataCheck.Max("amount", "100.00", Severity.WARN));
      List<String[]> batch =
          rows(
              DEC_1, "EUR", "1.00", "1", "usd", "2.00", "2", "GBP", "3.00", "3", "JPY", "3.00", "4",
              "INR", "4.00", null);

      LoadResult first = load(w, checked, DEC_1, batch);
      LoadResult again = load(w, checked, DEC_1, batch);

      assertThat(first.rowsStaged()).isEqualTo(5);
      assertThat(first.rowsRejected()).isEqualTo(3);
      assertThat(first.rowsWritten()).isEqualTo(2);
      assertThat(first.checks())
          .filteredOn(r -> !r.passed())
          .extracting(CheckResult::check, CheckResult::failingRows)
          .containsExactly(tuple("pattern", 1L), tuple("unique", 2L));
      assertThat(again.rowsRejected()).isEqualTo(3);
      assertThat(table(w))
          .containsExactly(
              List.of("2020-12-01", "EUR", "1.00"), List.of("2020-12-01", "INR", "4.00"));
      List<List<String>> rejects =
          select(
              w,
              "SELECT table_name, pipeline, logical_date, check_name, column_name, reason, row_data"
                  + " FROM checks._etlx_rejects ORDER BY check_name, row_data");
      assertThat(rejects)
          .extracting(r -> r.subList(0, 6))
          .containsExactly(
              List.of(
                  "rates", "fx", "2020-12-01", "pattern", "code", "code does not match ^[A-Z]{3}$"),
              List.of(
                  "rates",
                  "fx",
                  "2020-12-01",
                  "unique",
                  "amount",
                  "amount appears more than once in the batch"),
              List.of(
                  "rates",
                  "fx",
                  "2020-12-01",
                  "unique",
                  "amount",
                  "amount appears more than once in the batch"));
      assertThat(rejects.get(0).get(6))
          .contains("\"code\"", "\"usd\"", "\"amount\"", "\"2.00\"", "\"day\"", "\"2020-12-01\"");
      assertThat(rejects.get(1).get(6)).contains("\"GBP\"");
      assertThat(rejects.get(2).get(6)).contains("\"JPY\"");
    }
  }

  @Test
  void aDiffLeavesOutTheRowsQuarantineWouldSetAside() throws Exception {
    assumeTrue(quarantineRunsHere());
    try (Warehouse w = open(dir)) {
      TableSpec checked = table(new DataCheck.Min("amount", "0.00", Severity.QUARANTINE));
      List<String[]> batch = rows(DEC_1, "EUR", "1.00", "1", "GBP", "-1.00", "1");
      load(w, checked, DEC_1, batch);

      Path file = dir.resolve("diff.csv.gz");
      RowsFiles.write(file, HEADER, batch);
      DiffResult diff =
          w.diff(
              new LoadRequest(
                  checked,
                  file,
                  new LedgerEntry(
                      "fx", "test", DEC_1, "diff", "raw", "rows", "spec", 2, Instant.EPOCH, null)),
              5);

      assertThat(diff.noOp()).as(diff.toString()).isTrue();
      assertThat(diff.unchanged()).isEqualTo(1);
    }
  }

  @Test
  void aLoadWithoutQuarantineReplacesTheRejectsOfAnEarlierLoadOfTheDate() throws Exception {
    assumeTrue(quarantineRunsHere());
    try (Warehouse w = open(dir)) {
      load(
          w,
          table(new DataCheck.Min("amount", "0.00", Severity.QUARANTINE)),
          DEC_1,
          rows(DEC_1, "EUR", "-1.00", "1"));
      load(
          w,
          table(new DataCheck.Min("amount", "0.00", Severity.QUARANTINE)),
          DEC_2,
          rows(DEC_2, "EUR", "-1.00", "1"));

      load(w, table(), DEC_1, rows(DEC_1, "EUR", "-1.00", "1"));

      assertThat(select(w, "SELECT logical_date FROM checks._etlx_rejects"))
          .containsExactly(List.of("2020-12-02"));
    }
  }

  @Test
  void minRowsCountsTheBatch() throws Exception {
    try (Warehouse w = open(dir)) {
      assertThatThrownBy(
              () ->
                  load(
                      w,
                      table(new DataCheck.MinRows(3, Severity.ERROR)),
                      DEC_1,
                      rows(DEC_1, "EUR", "1.00", "1", "USD", "1.00", "1")))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECK_FAILED))
          .hasMessageContaining("min_rows: the batch has 2 row(s), fewer than 3");
      LoadResult warned =
          load(
              w,
              table(new DataCheck.MinRows(3, Severity.WARN)),
              DEC_1,
              rows(DEC_1, "EUR", "1.00", "1", "USD", "1.00", "1"));

      assertThat(warned.checks()).singleElement().matches(CheckResult::isWarning);
      assertThat(table(w)).hasSize(2);
    }
  }

  @Test
  void rowCountChangeComparesWithTheLatestEarlierDate() throws Exception {
    try (Warehouse w = open(dir)) {
      TableSpec checked = table(new DataCheck.RowCountChange(new BigDecimal("50"), Severity.ERROR));
      LoadResult first =
          load(
              w,
              checked,
              DEC_1,
              rows(DEC_1, "A", "1", "1", "B", "1", "1", "C", "1", "1", "D", "1", "1"));
      // DEC_3 compares with DEC_1 (4 rows): DEC_2 was never loaded
      LoadResult within =
          load(w, checked, DEC_3, rows(DEC_3, "A", "1", "1", "B", "1", "1", "C", "1", "1"));

      assertThat(first.checks().get(0).detail())
          .isEqualTo("the batch has 4 row(s); no earlier date loaded to compare with");
      assertThat(within.checks().get(0).detail())
          .isEqualTo(
              "the batch has 3 row(s), 25% fewer than the 4 of 2020-12-01 (at most 50% allowed)");
      assertThatThrownBy(() -> load(w, checked, DEC_2, rows(DEC_2, "A", "1", "1")))
          .isInstanceOfSatisfying(
              EtlxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CHECK_FAILED))
          .hasMessageContaining(
              "row_count_change: the batch has 1 row(s), 75% fewer than the 4 of 2020-12-01 (at"
                  + " most 50% allowed)");
      assertThat(ledger(w)).extracting(r -> r.get(0)).containsExactly("2020-12-01", "2020-12-03");
    }
  }

  @Test
  void patternSearchesTheTextUnlessAnchored() throws Exception {
    try (Warehouse w = open(dir)) {
      LoadResult result =
          load(
              w,
              table(
                  new DataCheck.Matches("code", "[0-9]", Severity.WARN),
                  new DataCheck.Matches("code", "^[A-Z]\\d$", Severity.WARN)),
              DEC_1,
              rows(DEC_1, "A1", "1", "1", "XA1Y", "1", "1", "ABC", "1", "1"));

      assertThat(result.checks())
          .extracting(CheckResult::failingRows)
          .containsExactly(1L, 2L); // ABC has no digit; only A1 is a letter then a digit (\d)
    }
  }
}
