package io.etlx.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.TransformSpec;
import io.etlx.validate.Suggest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Correct or loud: a column mapped from a field that no record of the batch has — a header typo, a
 * renamed API field — fails the transform instead of loading a column of NULLs. The message lists
 * the fields the records do have, with a did-you-mean. A column marked {@code optional: true} may
 * be absent (sparse JSON).
 */
final class FieldsSeen {
  /** Field names are collected from the first records only: enough to name them in a message. */
  private static final int SAMPLED = 100;

  private final Set<String> names = new LinkedHashSet<>();
  private int sampled;

  void add(ObjectNode record) {
    if (sampled++ < SAMPLED) {
      record.fieldNames().forEachRemaining(names::add);
    }
  }

  /** The fields every record has (a CSV header). */
  void addAll(java.util.Collection<String> fields) {
    names.addAll(fields);
  }

  void checkFound(String what, TransformSpec spec, RowMapper mapper, int rawVersion) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < spec.columns().size(); i++) {
      ColumnSpec column = spec.columns().get(i);
      if (column.source() instanceof ColumnSource.Field field
          && !field.optional()
          && !mapper.found(i)) {
        missing.add(
            "column "
                + column.name()
                + " reads field '"
                + field.name()
                + "'"
                + Suggest.didYouMean(field.name().replaceFirst("^/", ""), names));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String older =
        rawVersion < spec.version()
            ? "; these records were extracted under schema version "
                + rawVersion
                + ": if the source renamed the field since, say so in the upgrade from version "
                + rawVersion
                + " with raw: {rename: {OLD: NEW}}"
            : "";
    throw new EtlxException(
        ErrorCode.MISSING_FIELD,
        what
            + ": no record has the field(s) the spec maps ("
            + String.join("; ", missing)
            + "); the records have: "
            + String.join(", ", names)
            + older
            + "; fix the source or transform.columns.*.from, or mark a genuinely sparse field"
            + " optional: true");
  }
}
