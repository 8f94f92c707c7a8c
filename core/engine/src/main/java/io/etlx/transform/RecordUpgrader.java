package io.etlx.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.etlx.spi.SchemaHistory;
import io.etlx.spi.UpgradeRule;
import java.util.List;

/**
 * Brings a raw record extracted under an older schema version up to the current one, step by step,
 * before it is mapped: fields renamed by a rule take their new name, defaulted fields get their
 * default when absent, derived fields copy their source, dropped fields disappear. Records of the
 * current version pass through untouched.
 */
final class RecordUpgrader {
  private final List<UpgradeRule> steps;

  RecordUpgrader(List<UpgradeRule> upgrades, int rawVersion, int currentVersion) {
    this.steps = SchemaHistory.between(upgrades, rawVersion, currentVersion);
  }

  boolean isIdentity() {
    return steps.isEmpty();
  }

  ObjectNode upgrade(ObjectNode record) {
    for (UpgradeRule rule : steps) {
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
      rule.derive()
          .forEach(
              (name, source) -> {
                JsonNode value = record.get(source);
                if (!record.has(name) && value != null) {
                  record.set(name, value.deepCopy());
                }
              });
      rule.drop().forEach(record::remove);
    }
    return record;
  }
}
