package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.RawUpgrade;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code raw:} part of each upgrade rule: how the source's records of an older version become
 * the shape this version reads. Refused when it would leave a column's {@code from} field
 * unfindable in older records (renamed away or dropped): a replay would load NULLs.
 */
final class RawUpgrades {
  private RawUpgrades() {}

  static List<RawUpgrade> bind(
      YamlList upgrades, int version, List<ColumnSpec> columns, Problems problems) {
    List<RawUpgrade> rules = new ArrayList<>();
    if (upgrades == null) {
      return rules;
    }
    for (YamlNode item : upgrades.items()) {
      YamlMap rule = (YamlMap) item;
      YamlMap raw = rule.map("raw");
      int from = Integer.parseInt(rule.scalar("from").text());
      if (raw == null || from >= version) {
        continue;
      }
      RawUpgrade upgrade =
          new RawUpgrade(
              from,
              strings(raw.map("rename")),
              strings(raw.map("default")),
              list(raw.list("drop")));
      check(upgrade, raw, columns, problems);
      rules.add(upgrade);
    }
    rules.sort(Comparator.comparingInt(RawUpgrade::from));
    return rules;
  }

  /**
   * A column that reads a field this rule renames away or drops would read nothing in old records.
   */
  private static void check(
      RawUpgrade rule, YamlMap raw, List<ColumnSpec> columns, Problems problems) {
    for (ColumnSpec column : columns) {
      if (!(column.source() instanceof ColumnSource.Field field)) {
        continue;
      }
      String name = field.name();
      if (rule.rename().containsKey(name) && !rule.rename().containsValue(name)) {
        problems.add(
            ErrorCode.BAD_UPGRADE,
            raw.map("rename").keyOrigin(name),
            "records of version "
                + rule.from()
                + " have field '"
                + name
                + "' renamed to '"
                + rule.rename().get(name)
                + "' here, but column "
                + column.name()
                + " reads '"
                + name
                + "': a replay of those records would load NULLs; map the column from '"
                + rule.rename().get(name)
                + "', or drop this rename");
      }
      if (rule.drop().contains(name)) {
        problems.add(
            ErrorCode.BAD_UPGRADE,
            raw.list("drop").items().get(rule.drop().indexOf(name)).origin(),
            "records of version "
                + rule.from()
                + " lose field '"
                + name
                + "' here, but column "
                + column.name()
                + " reads it: a replay of those records would load NULLs");
      }
    }
  }

  private static Map<String, String> strings(YamlMap node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null) {
      node.entries()
          .forEach(
              (k, v) -> out.put(k, ((YamlScalar) v).isNull() ? null : ((YamlScalar) v).text()));
    }
    return out;
  }

  private static List<String> list(YamlList node) {
    List<String> out = new ArrayList<>();
    if (node != null) {
      node.items().forEach(item -> out.add(((YamlScalar) item).text()));
    }
    return out;
  }
}
