package io.etlx.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.CheckResult;
import io.etlx.spi.DataCheck;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.TableSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a table's declared data checks on the staged batch, inside the load's transaction and
 * before the merge, in SQL so nothing is held in memory. Every check runs on the whole batch as it
 * was staged; then a failed check of severity error rolls the load back (naming every failed check,
 * the failing rows and a few of their keys), and the rows failing a quarantine check move from
 * staging to the rejects table, so the merge loads the others.
 */
final class DataChecks {
  private final SqlDialect dialect;
  private final TableSpec table;
  private final String staging;
  private final LedgerEntry load;

  /** What the checks found, and how many rows quarantine took out of the batch. */
  record Outcome(List<CheckResult> results, long rejected) {
    static final Outcome NONE = new Outcome(List.of(), 0);
  }

  DataChecks(SqlDialect dialect, TableSpec table, String staging, LedgerEntry load) {
    this.dialect = dialect;
    this.table = table;
    this.staging = staging;
    this.load = load;
  }

  /**
   * @param staged the batch's rows
   * @param what names the load in messages
   * @throws EtlxException {@code CHECK_FAILED} when a check of severity error failed
   */
  Outcome run(Connection c, long staged, Instant now, String what) throws SQLException {
    if (table.checks().isEmpty()) {
      return Outcome.NONE;
    }
    List<CheckResult> results = new ArrayList<>();
    List<DataCheck.RowCheck> quarantined = new ArrayList<>();
    for (DataCheck check : table.checks()) {
      CheckResult result;
      if (check instanceof DataCheck.RowCheck row) {
        result = rows(c, row);
        if (!result.passed() && row.severity() == DataCheck.Severity.QUARANTINE) {
          quarantined.add(row);
        }
      } else if (check instanceof DataCheck.MinRows min) {
        result = minRows(min, staged);
      } else {
        result = rowCountChange(c, (DataCheck.RowCountChange) check, staged);
      }
      results.add(result);
    }
    List<CheckResult> errors =
        results.stream()
            .filter(r -> !r.passed() && r.severity() == DataCheck.Severity.ERROR)
            .toList();
    if (!errors.isEmpty()) {
      throw failed(errors, what);
    }
    long rejected = 0;
    if (!quarantined.isEmpty()) {
      List<BoundSql> statements = new ArrayList<>();
      for (DataCheck.RowCheck check : quarantined) {
        statements.add(CheckSql.reject(dialect, table, check, staging, load, now));
      }
      statements.add(CheckSql.discard(dialect, table, quarantined, staging));
      rejected = SqlSession.merge(c, statements)[1];
    }
    return new Outcome(results, rejected);
  }

  private CheckResult rows(Connection c, DataCheck.RowCheck check) throws SQLException {
    BoundSql sql = CheckSql.sample(dialect, table, check, staging);
    List<String> columns = CheckSql.sampleColumns(table, check);
    List<String> samples = new ArrayList<>();
    long failing = 0;
    try (PreparedStatement statement = c.prepareStatement(sql.sql())) {
      for (int p = 0; p < sql.params().size(); p++) {
        Sql.bind(statement, p + 1, sql.params().get(p));
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          failing = rs.getLong(columns.size() + 1);
          List<String> parts = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            parts.add(
                columns.get(i)
                    + "="
                    + (rs.getString(i + 1) == null ? "NULL" : rs.getString(i + 1)));
          }
          samples.add("(" + String.join(", ", parts) + ")");
        }
      }
    }
    return new CheckResult(
        check.name(),
        check.column(),
        check.severity(),
        failing == 0,
        failing,
        samples,
        failing == 0 ? null : check.reason());
  }

  private static CheckResult minRows(DataCheck.MinRows check, long staged) {
    boolean passed = staged >= check.rows();
    String detail =
        "the batch has "
            + staged
            + " row(s)"
            + (passed ? ", at least " : ", fewer than ")
            + check.rows();
    return new CheckResult(check.name(), null, check.severity(), passed, 0, List.of(), detail);
  }

  private CheckResult rowCountChange(Connection c, DataCheck.RowCountChange check, long staged)
      throws SQLException {
    BoundSql sql = CheckSql.previousLoad(table, load);
    String baseline = null;
    long previous = 0;
    try (PreparedStatement statement = c.prepareStatement(sql.sql())) {
      for (int p = 0; p < sql.params().size(); p++) {
        Sql.bind(statement, p + 1, sql.params().get(p));
      }
      try (ResultSet rs = statement.executeQuery()) {
        if (rs.next()) {
          baseline = rs.getDate(1).toLocalDate().toString();
          previous = rs.getLong(2);
        }
      }
    }
    String limit = " (at most " + check.maxPercent().toPlainString() + "% allowed)";
    if (baseline == null || previous == 0) {
      String why =
          baseline == null
              ? "no earlier date loaded to compare with"
              : "the " + baseline + " load had 0 rows, no base for a percentage";
      return new CheckResult(
          check.name(),
          null,
          check.severity(),
          true,
          0,
          List.of(),
          "the batch has " + staged + " row(s); " + why);
    }
    BigDecimal change =
        BigDecimal.valueOf(staged - previous)
            .multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(previous), 1, RoundingMode.HALF_UP);
    boolean passed = change.abs().compareTo(check.maxPercent()) <= 0;
    String compared =
        change.signum() == 0
            ? "as many as"
            : change.abs().stripTrailingZeros().toPlainString()
                + (change.signum() < 0 ? "% fewer than" : "% more than");
    String detail =
        "the batch has "
            + staged
            + " row(s), "
            + compared
            + " the "
            + previous
            + " of "
            + baseline
            + limit;
    return new CheckResult(check.name(), null, check.severity(), passed, 0, List.of(), detail);
  }

  private EtlxException failed(List<CheckResult> errors, String what) {
    List<String> found = errors.stream().map(CheckResult::describe).toList();
    return new EtlxException(
        ErrorCode.CHECK_FAILED,
        what
            + ": "
            + errors.size()
            + " data check(s) of pipeline "
            + load.pipeline()
            + " failed, so nothing of "
            + load.date()
            + " was loaded: "
            + String.join("; ", found)
            + "; fix the source data (a rerun with --re-extract fetches it again) or the check"
            + " (severity: warn loads and reports, severity: quarantine sets failing rows aside)");
  }
}
