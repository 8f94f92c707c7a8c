package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spec.ColumnSpec;
import io.etlx.spec.EnvironmentSpec;
import io.etlx.spec.NotifierSpec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spec.PluginSpec;
import io.etlx.spec.SinkSpec;
import io.etlx.spec.SlaSpec;
import io.etlx.spec.TransformSpec;
import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import io.etlx.spi.NotifyEvent;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WriteMode;
import io.etlx.yaml.Origin;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Binds a schema-valid pipeline tree (overlay already merged) to a {@link PipelineSpec}, checking
 * what a schema cannot: names that must exist, types, modes the warehouse supports.
 */
final class PipelineBinder {
  private final Problems problems;
  private final PluginCheck plugins;

  PipelineBinder(PluginRegistry registry, Problems problems) {
    this.problems = problems;
    this.plugins = new PluginCheck(registry, problems);
  }

  /**
   * The spec, or null when a problem was found. Sections in {@code broken} failed the schema check
   * and are skipped, together with the checks that depend on them.
   */
  PipelineSpec bind(
      YamlMap root,
      String fileStem,
      EnvironmentSpec env,
      WarehouseCapabilities warehouse,
      BrokenPaths broken) {
    int before = problems.size();
    String name = broken.within("/pipeline") ? fileStem : name(root.scalar("pipeline"), fileStem);
    ZoneId timezone = broken.within("/timezone") ? null : timezone(root.scalar("timezone"));
    SlaSpec sla = broken.within("/sla") ? null : sla(root.map("sla"));
    PluginSpec source =
        broken.within("/source")
            ? null
            : plugins.check(PluginKind.SOURCE, root.map("source"), Set.of(ALLOW_EMPTY));
    boolean allowEmpty = !broken.within("/source") && allowEmpty(root.map("source"));
    TransformSpec transform = null;
    Columns columns = null;
    if (!broken.at("/transform") && !broken.at("/transform/columns")) {
      TransformBinder binder = new TransformBinder(problems, broken);
      transform = binder.bind(root.map("transform"));
      columns = new Columns(binder.declared(), transform, root.map("transform").map("columns"));
    }
    List<String> primaryKey = List.of();
    if (!broken.within("/primary_key") && columns != null) {
      primaryKey = primaryKey(root.list("primary_key"), columns.declared());
    }
    // each check of the sink runs when what it reads is sound, beside errors elsewhere: one pass
    SinkSpec sink =
        broken.at("/sink")
            ? null
            : sink(root.map("sink"), keyless(root, broken), columns, warehouse, broken);
    if (warehouse != null && warehouse.lowerCaseNames() && columns != null) {
      YamlMap columnNodes = root.map("transform").map("columns");
      for (String column : columns.declared()) {
        if (!column.equals(column.toLowerCase(Locale.ROOT))) {
          problems.add(
              ErrorCode.INVALID_VALUE,
              columnNodes.keyOrigin(column),
              "this warehouse folds names to lower case: write '"
                  + column.toLowerCase(Locale.ROOT)
                  + "'");
        }
      }
    }
    List<DataCheck> checks = checks(root, transform, primaryKey, broken);
    List<NotifierSpec> notifiers =
        broken.at("/notify") ? List.of() : notifiers(root.list("notify"), broken);
    if (problems.size() > before || !broken.isEmpty() || sink == null) {
      return null;
    }
    String description = root.text("description", "");
    return new PipelineSpec(
        name,
        description,
        root.origin().file(),
        timezone,
        source,
        transform,
        primaryKey,
        sink,
        notifiers,
        allowEmpty,
        checks,
        sla,
        dependsOn(root.list("depends_on")));
  }

  /** The schema checked the shape: names, each once. */
  private static List<String> dependsOn(YamlList node) {
    return node == null
        ? List.of()
        : node.items().stream().map(i -> ((YamlScalar) i).text()).toList();
  }

  /** The schema checked the shapes: {@code HH:MM} and a day count. */
  private static SlaSpec sla(YamlMap node) {
    YamlScalar deadline = node == null ? null : node.scalar("deadline");
    if (deadline == null) {
      return null;
    }
    YamlScalar days = node.scalar("days_after");
    return new SlaSpec(
        LocalTime.parse(deadline.text()), days == null ? 1 : ((Number) days.value()).intValue());
  }

  /** The source option etlx itself reads: whether a day without records is a success. */
  static final String ALLOW_EMPTY = "allow_empty";

  private boolean allowEmpty(YamlMap source) {
    YamlScalar node = source.scalar(ALLOW_EMPTY);
    if (node == null) {
      return false;
    }
    if (!(node.value() instanceof Boolean allow)) {
      problems.add(
          ErrorCode.WRONG_TYPE,
          node.origin(),
          "allow_empty must be true or false, not " + node.describe());
      return false;
    }
    return allow;
  }

  /**
   * The checks of the whole batch; and the columns' checks measured against the primary key, which
   * is bound after the columns.
   */
  private List<DataCheck> checks(
      YamlMap root, TransformSpec transform, List<String> primaryKey, BrokenPaths broken) {
    ChecksBinder binder = new ChecksBinder(problems);
    if (transform != null && !broken.within("/primary_key")) {
      YamlMap columns = root.map("transform").map("columns");
      for (ColumnSpec column : transform.columns()) {
        YamlMap checks = columns.map(column.name()).map("checks");
        if (checks != null) {
          binder.notOnTheKey(column.name(), checks, primaryKey);
        }
      }
    }
    if (!root.has("checks") || broken.at("/checks") || broken.within("/checks/severity")) {
      return List.of();
    }
    return binder.batch(root.map("checks"), broken);
  }

  private String name(YamlScalar node, String fileStem) {
    String name = node.text();
    if (!name.equals(fileStem)) {
      problems.add(
          ErrorCode.NAME_MISMATCH,
          node.origin(),
          "pipeline '"
              + name
              + "' must be in a file named "
              + name
              + ".yaml (found "
              + fileStem
              + ".yaml)");
    }
    return name;
  }

  private ZoneId timezone(YamlScalar node) {
    if (node == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(node.text());
    } catch (DateTimeException e) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.origin(),
          "unknown time zone '" + node.text() + "' (use a region such as UTC or Europe/Berlin)");
      return null;
    }
  }

  private List<String> primaryKey(YamlList node, Set<String> columns) {
    List<String> key = new ArrayList<>();
    if (node == null) {
      return key;
    }
    for (YamlNode item : node.items()) {
      String column = ((YamlScalar) item).text();
      if (!columns.contains(column)) {
        problems.add(
            ErrorCode.UNKNOWN_COLUMN,
            item.origin(),
            "primary key column '"
                + column
                + "' is not produced by transform.columns"
                + Suggest.didYouMean(column, columns));
      }
      key.add(column);
    }
    return key;
  }

  /**
   * The columns a sink's settings name: every name written under {@code transform.columns} (even a
   * column that failed to bind), and those that bound, with their types.
   */
  private record Columns(Set<String> declared, TransformSpec bound, YamlMap nodes) {
    /** The bound column, or null when it failed to bind (its own error is reported). */
    ColumnSpec column(String name) {
      return bound.column(name);
    }

    /** The column mapped from the logical date, read from the YAML so a broken one still counts. */
    String logicalDateColumn() {
      for (String name : declared) {
        if (nodes.get(name) instanceof YamlMap column
            && column.get("from") instanceof YamlScalar from
            && TransformBinder.LOGICAL_DATE.equals(from.value())) {
          return name;
        }
      }
      return null;
    }
  }

  /** Whether the pipeline has no primary key (one written wrongly has an error of its own). */
  private static boolean keyless(YamlMap root, BrokenPaths broken) {
    YamlList key = root.list("primary_key");
    return !broken.within("/primary_key") && (key == null || key.items().isEmpty());
  }

  /**
   * The sink, checked piece by piece: each check runs when the settings it reads are sound, so its
   * error comes in the same pass as errors elsewhere (the spec is only used when there are none).
   * {@code columns} is null when {@code transform.columns} itself is broken.
   */
  private SinkSpec sink(
      YamlMap node,
      boolean keyless,
      Columns columns,
      WarehouseCapabilities warehouse,
      BrokenPaths broken) {
    WriteMode mode = null;
    if (!broken.within("/sink/mode")) {
      mode = WriteMode.fromYaml(node.text("mode", "upsert"));
      Origin modeAt = node.has("mode") ? node.get("mode").origin() : node.origin();
      if (mode == WriteMode.UPSERT && keyless) {
        problems.add(
            ErrorCode.MISSING_KEY,
            modeAt,
            "mode upsert needs a primary_key (or set mode: replace_partition, or append)");
      }
      if (warehouse != null && !warehouse.writeModes().contains(mode)) {
        problems.add(
            ErrorCode.UNSUPPORTED_MODE,
            modeAt,
            "the warehouse of this environment does not support mode " + mode.yamlName());
      }
    }
    String partition = null;
    if (mode == WriteMode.REPLACE_PARTITION
        && columns != null
        && !broken.within("/sink/partition_column")) {
      partition = partitionColumn(node, columns);
    }
    String deleteMarker = null;
    if (mode != null && columns != null && !broken.within("/sink/delete_marker")) {
      deleteMarker = deleteMarker(node, columns, mode);
    }
    String table = null;
    if (!broken.within("/sink/table")) {
      table = table(node, warehouse);
    }
    String schema = broken.within("/sink/schema") ? null : node.text("schema", null);
    return new SinkSpec(schema, table, mode, partition, deleteMarker);
  }

  private String table(YamlMap node, WarehouseCapabilities warehouse) {
    String table = node.scalar("table").text();
    String lower = table.toLowerCase(Locale.ROOT);
    if (lower.startsWith("_etlx_") || lower.contains("__etlx_")) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.get("table").origin(),
          "'"
              + table
              + "' is reserved: names that start with _etlx_ or contain __etlx_ are etlx's own"
              + " tables (the load ledger, schema versions, a rebuild's shadow table); pick another"
              + " name");
    }
    // a rebuild's shadow table appends "__etlx_rebuild" (14 characters); it must not be truncated
    if (warehouse != null && table.length() > warehouse.maxIdentifierLength() - 14) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.get("table").origin(),
          "table name is longer than "
              + (warehouse.maxIdentifierLength() - 14)
              + " characters (the warehouse's limit of "
              + warehouse.maxIdentifierLength()
              + " less room for a rebuild's shadow table)");
    }
    if (warehouse != null
        && warehouse.lowerCaseNames()
        && !table.equals(table.toLowerCase(Locale.ROOT))) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          node.get("table").origin(),
          "this warehouse folds names to lower case: write '"
              + table.toLowerCase(Locale.ROOT)
              + "'");
    }
    return table;
  }

  private String partitionColumn(YamlMap node, Columns columns) {
    if (node.has("partition_column")) {
      YamlScalar given = node.scalar("partition_column");
      if (!columns.declared().contains(given.text())) {
        problems.add(
            ErrorCode.UNKNOWN_COLUMN,
            given.origin(),
            "partition column '"
                + given.text()
                + "' is not produced by transform.columns"
                + Suggest.didYouMean(given.text(), columns.declared()));
      } else {
        ColumnSpec column = columns.column(given.text());
        if (column != null && column.type().kind() != ColumnType.Kind.DATE) {
          problems.add(
              ErrorCode.INVALID_VALUE,
              given.origin(),
              "partition column '" + given.text() + "' must be of type date");
        }
      }
      return given.text();
    }
    String logicalDate = columns.logicalDateColumn();
    if (logicalDate == null) {
      problems.add(
          ErrorCode.MISSING_KEY,
          node.get("mode").origin(),
          "mode replace_partition needs a date column: map one with 'from: logical_date' or set"
              + " sink.partition_column");
    }
    return logicalDate;
  }

  private String deleteMarker(YamlMap node, Columns columns, WriteMode mode) {
    YamlScalar marker = node.scalar("delete_marker");
    if (marker == null) {
      return null;
    }
    if (mode != WriteMode.UPSERT) {
      problems.add(
          ErrorCode.INVALID_VALUE, marker.origin(), "delete_marker only applies to mode upsert");
    } else if (!columns.declared().contains(marker.text())) {
      problems.add(
          ErrorCode.UNKNOWN_COLUMN,
          marker.origin(),
          "delete marker column '"
              + marker.text()
              + "' is not produced by transform.columns"
              + Suggest.didYouMean(marker.text(), columns.declared()));
    } else {
      ColumnSpec column = columns.column(marker.text());
      if (column != null && column.type().kind() != ColumnType.Kind.BOOLEAN) {
        problems.add(
            ErrorCode.INVALID_VALUE,
            marker.origin(),
            "delete marker column '" + marker.text() + "' must be of type boolean");
      }
    }
    return marker.text();
  }

  private List<NotifierSpec> notifiers(YamlList node, BrokenPaths broken) {
    List<NotifierSpec> notifiers = new ArrayList<>();
    if (node == null) {
      return notifiers;
    }
    for (int i = 0; i < node.items().size(); i++) {
      String at = "/notify/" + i;
      if (broken.at(at) || broken.within(at + "/type")) {
        continue;
      }
      YamlMap map = (YamlMap) node.items().get(i);
      PluginSpec plugin = plugins.check(PluginKind.NOTIFIER, map, Set.of("on"));
      Set<NotifyEvent> on = EnumSet.noneOf(NotifyEvent.class);
      YamlList events = map.list("on");
      if (broken.within(at + "/on")) {
        continue;
      }
      if (events == null) {
        on.add(NotifyEvent.FAILURE);
      } else {
        events.items().forEach(e -> on.add(NotifyEvent.fromYaml(((YamlScalar) e).text())));
      }
      if (plugin != null) {
        notifiers.add(new NotifierSpec(plugin, on));
      }
    }
    return notifiers;
  }
}
