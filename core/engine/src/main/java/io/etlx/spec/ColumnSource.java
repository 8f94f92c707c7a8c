package io.etlx.spec;

/** Where a column's value comes from. */
public sealed interface ColumnSource {
  /**
   * A field of the source record: a plain name, or a JSON pointer ({@code /customer/id}). Unless
   * {@code optional}, a field that no record of a batch has is an error (a header typo must not
   * load a column of NULLs); optional fields are for genuinely sparse JSON.
   */
  record Field(String name, boolean optional) implements ColumnSource {
    public Field(String name) {
      this(name, false);
    }
  }

  /** A constant written in the spec ({@code value:}), as text; null for SQL NULL. */
  record Literal(String text) implements ColumnSource {}

  /** The run's logical date ({@code from: logical_date}). */
  record LogicalDate() implements ColumnSource {}
}
