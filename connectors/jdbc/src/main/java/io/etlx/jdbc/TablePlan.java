package io.etlx.jdbc;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a table needs before a load, as typed steps: callers ask what kind of change a plan holds
 * instead of searching its SQL for keywords.
 */
public record TablePlan(List<Step> steps) {
  public enum Kind {
    /** Creates etlx's own objects if missing (schema, ledger, versions table): changes no data. */
    ENSURE,
    CREATE_TABLE,
    /** Forgets the ledger rows of a table created anew: none of those loads is in it. */
    FORGET_LOADS,
    RECORD_VERSION,
    RENAME_COLUMN,
    ADD_COLUMN,
    /** Fills a column an upgrade added, from a default or another column. */
    FILL_COLUMN,
    DROP_COLUMN,
    CHANGE_TYPE
  }

  /** The kinds that change an existing table's columns or values. */
  private static final Set<Kind> TABLE_CHANGES =
      EnumSet.of(
          Kind.RENAME_COLUMN,
          Kind.ADD_COLUMN,
          Kind.FILL_COLUMN,
          Kind.DROP_COLUMN,
          Kind.CHANGE_TYPE);

  public record Step(Kind kind, BoundSql sql) {}

  public TablePlan {
    steps = List.copyOf(steps);
  }

  /**
   * Whether the plan changes an existing table's columns or values (an upgrade, a new column, a
   * wider type).
   */
  public boolean changesTable() {
    return steps.stream().anyMatch(s -> TABLE_CHANGES.contains(s.kind()));
  }

  /** Whether the table does not exist yet and the plan creates it. */
  public boolean createsTable() {
    return steps.stream().anyMatch(s -> s.kind() == Kind.CREATE_TABLE);
  }

  /** Whether the plan changes nothing at all. */
  public boolean isNoOp() {
    return steps.isEmpty();
  }

  public List<BoundSql> statements() {
    return steps.stream().map(Step::sql).toList();
  }

  /** The steps other than {@link Kind#ENSURE}. */
  public List<BoundSql> changes() {
    return steps.stream().filter(s -> s.kind() != Kind.ENSURE).map(Step::sql).toList();
  }

  /** The statements as text, with their bound values as a trailing comment. */
  public List<String> rendered() {
    return statements().stream()
        .map(s -> s.sql() + (s.params().isEmpty() ? "" : "  -- bound: " + s.params()))
        .toList();
  }
}
