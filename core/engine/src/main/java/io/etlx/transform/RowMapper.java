package io.etlx.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.TransformSpec;
import java.time.LocalDate;
import java.util.List;

/**
 * Maps one raw record to one typed row (an array of canonical texts, null = SQL NULL).
 * Deterministic.
 */
final class RowMapper {
  private final List<ColumnSpec> columns;
  private final ValueConverter[] converters;
  private final JsonNode logicalDate;

  RowMapper(TransformSpec transform, LocalDate date) {
    this.columns = transform.columns();
    this.converters =
        columns.stream()
            .map(c -> new ValueConverter(c.type(), c.format(), c.round()))
            .toArray(ValueConverter[]::new);
    this.logicalDate = TextNode.valueOf(date.toString());
  }

  /**
   * @throws BadValueException naming the column, when a value does not fit its type
   */
  String[] map(ObjectNode record) throws BadValueException {
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      ColumnSpec column = columns.get(i);
      try {
        row[i] = converters[i].convert(value(column.source(), record));
      } catch (BadValueException e) {
        throw new BadValueException("column '" + column.name() + "': " + e.getMessage());
      }
    }
    return row;
  }

  private JsonNode value(ColumnSource source, ObjectNode record) {
    if (source instanceof ColumnSource.Field field) {
      String name = field.name();
      return name.startsWith("/") ? record.at(name) : record.get(name);
    }
    if (source instanceof ColumnSource.Literal literal) {
      return literal.text() == null ? null : TextNode.valueOf(literal.text());
    }
    return logicalDate;
  }
}
