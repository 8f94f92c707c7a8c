package io.etlx.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The column names of each schema version, derived backwards from the current columns through the
 * upgrade rules: a rule from N renames N's columns to N+1's, adds defaulted and derived ones, drops
 * others.
 */
public final class SchemaHistory {
  private SchemaHistory() {}

  /** The column names at {@code version}, given the names at {@code current}. */
  public static Set<String> columnsAt(
      List<String> currentColumns, List<UpgradeRule> upgrades, int current, int version) {
    Set<String> names = new LinkedHashSet<>(currentColumns);
    List<UpgradeRule> newestFirst = new ArrayList<>(upgrades);
    newestFirst.sort(Comparator.comparingInt(UpgradeRule::from).reversed());
    for (UpgradeRule rule : newestFirst) {
      if (rule.from() < version || rule.from() >= current) {
        continue;
      }
      rule.rename()
          .forEach(
              (oldName, newName) -> {
                names.remove(newName);
                names.add(oldName);
              });
      names.removeAll(rule.defaults().keySet());
      names.removeAll(rule.derive().keySet());
      names.addAll(rule.drop());
    }
    return names;
  }

  /** The rules that take data of {@code from} to {@code to}, oldest first. */
  public static List<UpgradeRule> between(List<UpgradeRule> upgrades, int from, int to) {
    return upgrades.stream()
        .filter(r -> r.from() >= from && r.from() < to)
        .sorted(Comparator.comparingInt(UpgradeRule::from))
        .toList();
  }
}
