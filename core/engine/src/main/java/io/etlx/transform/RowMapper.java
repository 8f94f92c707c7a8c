package io.etlx.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.SchemaHistory;
import io.etlx.spi.UpgradeRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one raw record to one typed row (an array of canonical texts, null = SQL NULL).
 * Deterministic. Rows replayed from raw data of an older schema version get what the table's
 * upgrade rules gave that version's rows in the warehouse: a column added with a default, or
 * derived from another, is filled the same way when the record has no value for it — so a rebuild
 * from raw data and a migrated table agree. Remembers which record fields it ever found.
 */
final class RowMapper {
  private final List<ColumnSpec> columns;
  private final ValueConverter[] converters;
  private final JsonNode logicalDate;
  private final List<Fill> fills;
  private final boolean[] found;

  /** A column an upgrade added: filled from a default text or from another column of the row. */
  private record Fill(int column, String defaultText, int fromColumn) {}

  RowMapper(TransformSpec transform, LocalDate date, int rawVersion) {
    this.columns = transform.columns();
    this.converters =
        columns.stream()
            .map(c -> new ValueConverter(c.type(), c.format(), c.round()))
            .toArray(ValueConverter[]::new);
    this.logicalDate = TextNode.valueOf(date.toString());
    this.fills = fills(transform, rawVersion);
    this.found = new boolean[columns.size()];
  }

  private static List<Fill> fills(TransformSpec transform, int rawVersion) {
    List<Fill> fills = new ArrayList<>();
    List<String> names = transform.columnNames();
    for (UpgradeRule rule :
        SchemaHistory.between(transform.upgrades(), rawVersion, transform.version())) {
      rule.defaults()
          .forEach(
              (name, value) -> {
                if (names.contains(name) && value != null) {
                  fills.add(new Fill(names.indexOf(name), value, -1));
                }
              });
      rule.derive()
          .forEach(
              (name, source) -> {
                if (names.contains(name) && names.contains(source)) {
                  fills.add(new Fill(names.indexOf(name), null, names.indexOf(source)));
                }
              });
    }
    return fills;
  }

  /**
   * @throws BadValueException naming the column, when a value does not fit its type
   */
  String[] map(ObjectNode record) throws BadValueException {
    // every field is looked up before any is converted, so a bad value in one column does not hide
    // that the record has the others (a field no record has is an error of its own)
    JsonNode[] values = new JsonNode[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value(i, columns.get(i).source(), record);
    }
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      try {
        row[i] = converters[i].convert(values[i]);
      } catch (BadValueException e) {
        throw column(i, e);
      }
    }
    return filled(row);
  }

  /**
   * Maps a row of texts, one per column as its source gives it (null: no value), as a CSV record
   * has them.
   *
   * @throws BadValueException naming the column, when a value does not fit its type
   */
  String[] mapTexts(String[] texts) throws BadValueException {
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      try {
        row[i] = converters[i].convertText(texts[i]);
      } catch (BadValueException e) {
        throw column(i, e);
      }
    }
    return filled(row);
  }

  private BadValueException column(int i, BadValueException e) {
    return new BadValueException("column '" + columns.get(i).name() + "': " + e.getMessage());
  }

  /** Fills the columns an upgrade added, where the record had no value for them. */
  private String[] filled(String[] row) throws BadValueException {
    for (Fill fill : fills) {
      if (row[fill.column()] == null) {
        String text = fill.defaultText() != null ? fill.defaultText() : row[fill.fromColumn()];
        try {
          row[fill.column()] = text == null ? null : converters[fill.column()].convertText(text);
        } catch (BadValueException e) {
          throw new BadValueException(
              "column '" + columns.get(fill.column()).name() + "' (upgrade): " + e.getMessage());
        }
      }
    }
    return row;
  }

  /**
   * Whether column {@code index} is text taken as it is: a string column no upgrade fills or fills
   * another from, so its value may skip conversion.
   */
  boolean passesText(int index) {
    return columns.get(index).type().kind() == ColumnType.Kind.STRING && fills.isEmpty();
  }

  /** Records that the field column {@code index} reads exists (a CSV header has it). */
  void found(int index, boolean found) {
    this.found[index] |= found;
  }

  /** Whether some record had the field of column {@code index} (always true for non-fields). */
  boolean found(int index) {
    return found[index] || !(columns.get(index).source() instanceof ColumnSource.Field);
  }

  private JsonNode value(int index, ColumnSource source, ObjectNode record) {
    if (source instanceof ColumnSource.Field field) {
      String name = field.name();
      JsonNode value = name.startsWith("/") ? record.at(name) : record.get(name);
      if (value != null && !value.isMissingNode()) {
        found[index] = true;
      }
      return value;
    }
    if (source instanceof ColumnSource.Literal literal) {
      return literal.text() == null ? null : TextNode.valueOf(literal.text());
    }
    return logicalDate;
  }
}
