package io.etlx.spi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A data check a pipeline declares, as a warehouse evaluates it: on the staged batch, inside the
 * load's transaction, before the merge. Bounds and accepted values are the canonical text of the
 * column's type (as the rows file writes it), already checked against that type by {@code
 * validate}. A NULL value passes every row check except {@link NotNull}.
 */
public sealed interface DataCheck
    permits DataCheck.RowCheck, DataCheck.MinRows, DataCheck.RowCountChange {
  /** The check's name as YAML writes it, e.g. {@code not_null}. */
  String name();

  Severity severity();

  /** The column the check reads, or null for a check of the whole batch. */
  default String column() {
    return null;
  }

  /** What a failing check does to the load. */
  enum Severity {
    /** The load is rolled back: nothing of the date reaches the table. */
    ERROR,
    /** The batch is loaded and the failure reported (run output, state store, notifiers). */
    WARN,
    /**
     * The rows that pass are loaded; the failing ones go to {@code _etlx_rejects} with the reason,
     * in the same transaction. Row checks only: a count cannot be set aside.
     */
    QUARANTINE;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Severity fromYaml(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  /** A check of each row's value in one column: failing rows are counted, sampled, quarantined. */
  sealed interface RowCheck extends DataCheck
      permits NotNull, Unique, AcceptedValues, Min, Max, Matches {
    @Override
    String column();

    /** Why a row fails, e.g. {@code currency_code is not one of USD, EUR}. */
    String reason();
  }

  record NotNull(String column, Severity severity) implements RowCheck {
    @Override
    public String name() {
      return "not_null";
    }

    @Override
    public String reason() {
      return column + " is NULL";
    }
  }

  /** No value twice in the batch (NULLs aside); every row of a repeated value fails. */
  record Unique(String column, Severity severity) implements RowCheck {
    @Override
    public String name() {
      return "unique";
    }

    @Override
    public String reason() {
      return column + " appears more than once in the batch";
    }
  }

  record AcceptedValues(String column, List<String> values, Severity severity) implements RowCheck {
    public AcceptedValues {
      values = List.copyOf(values);
    }

    @Override
    public String name() {
      return "accepted_values";
    }

    @Override
    public String reason() {
      return column + " is not one of " + String.join(", ", values);
    }
  }

  /** The value is at least {@code bound} (numbers, dates, timestamps). */
  record Min(String column, String bound, Severity severity) implements RowCheck {
    @Override
    public String name() {
      return "min";
    }

    @Override
    public String reason() {
      return column + " is below " + bound;
    }
  }

  /** The value is at most {@code bound} (numbers, dates, timestamps). */
  record Max(String column, String bound, Severity severity) implements RowCheck {
    @Override
    public String name() {
      return "max";
    }

    @Override
    public String reason() {
      return column + " is above " + bound;
    }
  }

  /**
   * YAML {@code pattern}: the text contains a match of {@code regex} (anchor it with {@code ^…$} to
   * match the whole value), evaluated with the warehouse's own regular expressions.
   */
  record Matches(String column, String regex, Severity severity) implements RowCheck {
    @Override
    public String name() {
      return "pattern";
    }

    @Override
    public String reason() {
      return column + " does not match " + regex;
    }
  }

  /** The batch has at least {@code rows} rows. */
  record MinRows(long rows, Severity severity) implements DataCheck {
    @Override
    public String name() {
      return "min_rows";
    }
  }

  /**
   * The batch's row count is within ±{@code maxPercent} % of the row count of the latest earlier
   * date the table holds for the pipeline (its ledger row); passes when there is none, or it had no
   * rows.
   */
  record RowCountChange(BigDecimal maxPercent, Severity severity) implements DataCheck {
    @Override
    public String name() {
      return "row_count_change";
    }
  }
}
