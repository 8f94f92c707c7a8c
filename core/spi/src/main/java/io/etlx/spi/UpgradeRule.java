package io.etlx.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How data of schema version {@code from} becomes version {@code from + 1}: columns renamed (old →
 * new), added with a default, derived from another column (new → source), cast to a new type, or
 * dropped. Maps keep the order they were written in, so generated DDL is stable.
 */
public record UpgradeRule(
    int from,
    Map<String, String> rename,
    Map<String, String> defaults,
    Map<String, String> derive,
    Map<String, ColumnType> cast,
    List<String> drop) {
  public UpgradeRule {
    rename = ordered(rename);
    defaults = ordered(defaults);
    derive = ordered(derive);
    cast = ordered(cast);
    drop = List.copyOf(drop);
  }

  private static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
