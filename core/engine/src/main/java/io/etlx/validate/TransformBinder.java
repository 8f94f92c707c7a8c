package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spec.ColumnSource;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.RawUpgrade;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import io.etlx.spi.UpgradeRule;
import io.etlx.yaml.Origin;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds {@code transform:} to a {@link TransformSpec}: columns, types, formats, rounding, data
 * checks and upgrade rules.
 */
final class TransformBinder {
  static final String LOGICAL_DATE = "logical_date";

  private final Problems problems;
  private final Set<String> declared = new LinkedHashSet<>();

  private final BrokenPaths broken;

  TransformBinder(Problems problems, BrokenPaths broken) {
    this.problems = problems;
    this.broken = broken;
  }

  TransformSpec bind(YamlMap transform) {
    List<ColumnSpec> columns = columns(transform.map("columns"));
    if (broken.within("/transform/version") || broken.within("/transform/upgrades")) {
      return new TransformSpec(1, columns, List.of());
    }
    YamlScalar versionNode = transform.scalar("version");
    int version = versionNode == null ? 1 : Integer.parseInt(versionNode.text());
    List<UpgradeRule> upgrades = upgrades(transform.list("upgrades"), version, columns);
    List<RawUpgrade> raw = RawUpgrades.bind(transform.list("upgrades"), version, columns, problems);
    return new TransformSpec(version, columns, upgrades, raw);
  }

  /** Every column name written in the spec, including columns that failed to bind. */
  Set<String> declared() {
    return declared;
  }

  private List<ColumnSpec> columns(YamlMap node) {
    List<ColumnSpec> columns = new ArrayList<>();
    Map<String, String> byFoldedName = new HashMap<>();
    declared.addAll(node.keys());
    node.entries()
        .forEach(
            (name, value) -> {
              String clash = byFoldedName.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
              if (clash != null) {
                problems.add(
                    ErrorCode.DUPLICATE_COLUMN,
                    node.keyOrigin(name),
                    "column '"
                        + name
                        + "' clashes with '"
                        + clash
                        + "': warehouses fold the case of names");
              }
              if (broken.within("/transform/columns/" + name)) {
                return;
              }
              ColumnSpec column = column(name, (YamlMap) value);
              if (column != null) {
                columns.add(column);
              }
            });
    return columns;
  }

  private ColumnSpec column(String name, YamlMap node) {
    ColumnType type = type(node.scalar("type"));
    ColumnSource source = source(node);
    String format = format(node.scalar("format"), type);
    RoundingMode round = round(node.scalar("round"), type);
    List<DataCheck> checks =
        type == null || !node.has("checks")
            ? List.of()
            : new ChecksBinder(problems).column(name, type, node.map("checks"));
    return type == null || source == null
        ? null
        : new ColumnSpec(name, source, type, format, round, checks);
  }

  private ColumnSource source(YamlMap node) {
    if (node.has("from") == node.has("value")) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.origin(),
          "a column needs exactly one of 'from' (a record field, or logical_date) or 'value' (a"
              + " constant)");
      return null;
    }
    if (node.has("value")) {
      YamlScalar value = node.scalar("value");
      if (value.text().contains("${")) {
        problems.add(
            ErrorCode.BAD_REFERENCE,
            value.origin(),
            "a column value is a constant, not a template; map the logical date with 'from:"
                + " logical_date'");
        return null;
      }
      return new ColumnSource.Literal(value.isNull() ? null : value.text());
    }
    String from = node.scalar("from").text();
    YamlScalar optional = node.scalar("optional");
    if (from.equals(LOGICAL_DATE)) {
      return new ColumnSource.LogicalDate();
    }
    return new ColumnSource.Field(from, optional != null && Boolean.TRUE.equals(optional.value()));
  }

  ColumnType type(YamlScalar node) {
    try {
      return ColumnType.parse(node.text());
    } catch (IllegalArgumentException e) {
      String word = node.text().replaceAll("\\(.*", "").trim();
      String hint =
          e.getMessage().startsWith("unknown") ? Suggest.knownList(word, ColumnType.names()) : "";
      problems.add(ErrorCode.BAD_COLUMN_TYPE, node.origin(), e.getMessage() + hint);
      return null;
    }
  }

  private String format(YamlScalar node, ColumnType type) {
    if (node == null) {
      return null;
    }
    if (type != null
        && type.kind() != ColumnType.Kind.DATE
        && type.kind() != ColumnType.Kind.TIMESTAMP) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.origin(),
          "'format' only applies to date and timestamp columns");
      return null;
    }
    try {
      DateTimeFormatter.ofPattern(node.text());
      return node.text();
    } catch (IllegalArgumentException e) {
      problems.add(
          ErrorCode.BAD_DATE_PATTERN,
          node.origin(),
          "bad date pattern '"
              + node.text()
              + "': "
              + e.getMessage()
              + " (see java.time.format.DateTimeFormatter)");
      return null;
    }
  }

  private RoundingMode round(YamlScalar node, ColumnType type) {
    if (node == null) {
      return null;
    }
    if (type != null && type.kind() != ColumnType.Kind.DECIMAL) {
      problems.add(
          ErrorCode.INVALID_VALUE, node.origin(), "'round' only applies to decimal columns");
      return null;
    }
    RoundingMode mode = ColumnSpec.rounding(node.text());
    if (mode == null) { // the schema's enum reports this first; kept so the two cannot drift apart
      // silently
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.origin(),
          "'"
              + node.text()
              + "' is not a rounding mode"
              + Suggest.knownList(node.text(), ColumnSpec.ROUNDING_MODES));
    }
    return mode;
  }

  private List<UpgradeRule> upgrades(YamlList node, int version, List<ColumnSpec> columns) {
    if (node == null) {
      return List.of();
    }
    Map<Integer, YamlMap> byVersion = new TreeMap<>();
    for (YamlNode item : node.items()) {
      YamlMap rule = (YamlMap) item;
      YamlScalar from = rule.scalar("from");
      int fromVersion = Integer.parseInt(from.text());
      if (fromVersion >= version) {
        problems.add(
            ErrorCode.BAD_UPGRADE,
            from.origin(),
            "upgrade from version "
                + fromVersion
                + " must be older than transform.version "
                + version);
      } else if (byVersion.putIfAbsent(fromVersion, rule) != null) {
        problems.add(
            ErrorCode.BAD_UPGRADE, from.origin(), "a second upgrade from version " + fromVersion);
      }
    }
    // Walk back from the current columns: each rule's targets must exist in the version it
    // produces.
    Set<String> present = new LinkedHashSet<>(declared);
    List<UpgradeRule> rules = new ArrayList<>();
    List<Integer> descending = new ArrayList<>(byVersion.keySet());
    Collections.reverse(descending);
    for (int from : descending) {
      UpgradeRule rule = rule(from, byVersion.get(from), present);
      if (rule != null) {
        rules.add(0, rule);
      }
    }
    return rules;
  }

  /**
   * Checks one rule against the columns of version {@code from + 1}, then turns them into version
   * {@code from}'s.
   */
  private UpgradeRule rule(int from, YamlMap node, Set<String> present) {
    int before = problems.size();
    Map<String, String> rename = strings(node.map("rename"));
    Map<String, String> defaults = strings(node.map("default"));
    Map<String, String> derive = strings(node.map("derive"));
    Map<String, ColumnType> cast = new LinkedHashMap<>();
    YamlMap castNode = node.map("cast");
    if (castNode != null) {
      castNode.entries().forEach((column, type) -> cast.put(column, type((YamlScalar) type)));
    }
    List<String> drop = new ArrayList<>();
    YamlList dropNode = node.list("drop");
    if (dropNode != null) {
      dropNode.items().forEach(item -> drop.add(((YamlScalar) item).text()));
    }
    Set<String> next = Set.copyOf(present);
    rename.forEach(
        (oldName, newName) ->
            mustExist(
                node.map("rename"),
                newName,
                next,
                from,
                "renames '" + oldName + "' to '" + newName + "'"));
    defaults
        .keySet()
        .forEach(
            name ->
                mustExist(
                    node.map("default"), name, next, from, "adds '" + name + "' with a default"));
    cast.keySet().forEach(name -> mustExist(castNode, name, next, from, "casts '" + name + "'"));
    derive.forEach(
        (target, source) ->
            mustExist(
                node.map("derive"),
                target,
                next,
                from,
                "derives '" + target + "' from '" + source + "'"));
    for (int i = 0; i < drop.size(); i++) {
      if (next.contains(drop.get(i))) {
        problems.add(
            ErrorCode.BAD_UPGRADE,
            dropNode.items().get(i).origin(),
            "the upgrade from version "
                + from
                + " drops '"
                + drop.get(i)
                + "', but version "
                + (from + 1)
                + " still has it");
      }
    }
    rename.forEach(
        (oldName, newName) -> {
          present.remove(newName);
          present.add(oldName);
        });
    present.removeAll(defaults.keySet());
    present.removeAll(derive.keySet());
    present.addAll(drop);
    derive.forEach(
        (target, source) -> {
          if (!present.contains(source)) {
            problems.add(
                ErrorCode.UNKNOWN_COLUMN,
                locate(node.map("derive"), source),
                "the upgrade from version "
                    + from
                    + " derives '"
                    + target
                    + "' from '"
                    + source
                    + "', but version "
                    + from
                    + " has no column '"
                    + source
                    + "'"
                    + Suggest.didYouMean(source, present));
          }
        });
    return problems.size() > before || cast.containsValue(null)
        ? null
        : new UpgradeRule(from, rename, defaults, derive, cast, drop);
  }

  private void mustExist(YamlMap node, String name, Set<String> next, int from, String action) {
    if (!next.contains(name)) {
      problems.add(
          ErrorCode.UNKNOWN_COLUMN,
          locate(node, name),
          "the upgrade from version "
              + from
              + " "
              + action
              + ", but version "
              + (from + 1)
              + " has no column '"
              + name
              + "'"
              + Suggest.didYouMean(name, next));
    }
  }

  private static Origin locate(YamlMap node, String name) {
    if (node.has(name)) {
      return node.keyOrigin(name);
    }
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      if (entry.getValue() instanceof YamlScalar s && name.equals(s.text())) {
        return s.origin();
      }
    }
    return node.origin();
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
}
