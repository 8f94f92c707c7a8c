package io.etlx.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spec.RawUpgrade;
import java.util.Comparator;
import java.util.List;

/**
 * Brings a raw record extracted under an older schema version to the shape this version's {@code
 * from:} fields read, by the spec's raw rules ({@code raw:} in an upgrade) only: fields renamed
 * take their new name, fields with a default get it when absent, dropped fields disappear. The
 * table's own rules (a column renamed in the warehouse) never touch raw records. Records of the
 * current version pass through untouched.
 */
final class RecordUpgrader {
  private final List<RawUpgrade> steps;

  RecordUpgrader(List<RawUpgrade> upgrades, int rawVersion, int currentVersion) {
    this.steps =
        upgrades.stream()
            .filter(r -> r.from() >= rawVersion && r.from() < currentVersion)
            .sorted(Comparator.comparingInt(RawUpgrade::from))
            .toList();
  }

  boolean isIdentity() {
    return steps.isEmpty();
  }

  ObjectNode upgrade(ObjectNode record) {
    for (RawUpgrade rule : steps) {
      rule.rename()
          .forEach(
              (oldName, newName) -> {
                if (record.has(oldName) && !record.has(newName)) {
                  record.set(newName, record.remove(oldName));
                }
              });
      rule.defaults()
          .forEach(
              (name, value) -> {
                if (!record.has(name)) {
                  record.set(name, value == null ? null : TextNode.valueOf(value));
                }
              });
      rule.drop().forEach(record::remove);
    }
    return record;
  }
}
