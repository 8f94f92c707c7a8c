package io.etlx.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How raw records extracted under schema version {@code from} become the shape the next version's
 * {@code from:} fields read: fields renamed (old → new), added with a default when absent, dropped.
 * Written as {@code raw:} inside an upgrade rule. A change in the source's record shape is said
 * here, never by the table's rules (a table rename must not move raw fields: a column named like
 * its source field would read nothing on replay).
 */
public record RawUpgrade(
    int from, Map<String, String> rename, Map<String, String> defaults, List<String> drop) {
  public RawUpgrade {
    rename = Collections.unmodifiableMap(new LinkedHashMap<>(rename));
    defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    drop = List.copyOf(drop);
  }
}
