package io.etlx.spec;

/** Where a column's value comes from. */
public sealed interface ColumnSource {
  /** A field of the source record: a plain name, or a JSON pointer ({@code /customer/id}). */
  record Field(String name) implements ColumnSource {}

  /** A constant written in the spec ({@code value:}), as text; null for SQL NULL. */
  record Literal(String text) implements ColumnSource {}

  /** The run's logical date ({@code from: logical_date}). */
  record LogicalDate() implements ColumnSource {}
}
