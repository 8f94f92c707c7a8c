package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import io.etlx.spi.DataCheck.Severity;
import io.etlx.transform.SpecValues;
import io.etlx.yaml.JsonBridge;
import io.etlx.yaml.Origin;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds data checks: a column's ({@code transform.columns.NAME.checks}) and the whole batch's
 * (top-level {@code checks}). The schema has already checked names and shapes; this checks what it
 * cannot: that bounds and accepted values fit the column's type (as the transform would read them),
 * that a check applies to the column's type, that a pattern is a regular expression every warehouse
 * reads alike, that quarantine is asked only of checks that can set rows aside, and that no check
 * repeats what etlx checks of the primary key anyway.
 *
 * <p>Each check is written short ({@code min: 0}) or long ({@code min: {value: 0, severity:
 * warn}}); a map's {@code severity} is the default of its checks, and error the default of that.
 */
final class ChecksBinder {
  private static final Set<ColumnType.Kind> ORDERED =
      EnumSet.of(
          ColumnType.Kind.INTEGER,
          ColumnType.Kind.BIGINT,
          ColumnType.Kind.DECIMAL,
          ColumnType.Kind.DOUBLE,
          ColumnType.Kind.DATE,
          ColumnType.Kind.TIMESTAMP);

  private final Problems problems;

  ChecksBinder(Problems problems) {
    this.problems = problems;
  }

  /** A check as written: its value (null when the long form leaves it out) and its severity. */
  private record Written(YamlNode node, YamlNode value, Severity severity) {}

  private static Written written(YamlMap checks, String key) {
    Severity fallback = severity(checks, Severity.ERROR);
    YamlNode node = checks.get(key);
    if (node instanceof YamlMap form) {
      return new Written(node, form.get("value"), severity(form, fallback));
    }
    return new Written(node, node, fallback);
  }

  private static Severity severity(YamlMap map, Severity fallback) {
    YamlScalar node = map.scalar("severity");
    return node == null ? fallback : Severity.fromYaml(node.text());
  }

  /** The checks of column {@code name} of {@code type}, in the order written. */
  List<DataCheck> column(String name, ColumnType type, YamlMap checks) {
    List<DataCheck> bound = new ArrayList<>();
    String min = null;
    String max = null;
    for (String key : checks.keys()) {
      if (key.equals("severity")) {
        continue;
      }
      Written check = written(checks, key);
      switch (key) {
        case "not_null" -> {
          if (enabled(check)) {
            bound.add(new DataCheck.NotNull(name, check.severity()));
          }
        }
        case "unique" -> {
          if (enabled(check)) {
            bound.add(new DataCheck.Unique(name, check.severity()));
          }
        }
        case "accepted_values" -> {
          List<String> values = acceptedValues(type, (YamlList) check.value());
          if (values != null) {
            bound.add(new DataCheck.AcceptedValues(name, values, check.severity()));
          }
        }
        case "min" -> {
          min = bound(key, type, check.value());
          if (min != null) {
            bound.add(new DataCheck.Min(name, min, check.severity()));
          }
        }
        case "max" -> {
          max = bound(key, type, check.value());
          if (max != null) {
            bound.add(new DataCheck.Max(name, max, check.severity()));
          }
        }
        case "pattern" -> {
          String regex = pattern(type, (YamlScalar) check.value());
          if (regex != null) {
            bound.add(new DataCheck.Matches(name, regex, check.severity()));
          }
        }
        default -> throw new IllegalStateException("the schema lets no other check through");
      }
    }
    if (min != null && max != null && greater(type, min, max)) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          checks.get("max").origin(),
          "max " + max + " is less than min " + min + ": no value could pass");
    }
    return bound;
  }

  /**
   * The checks of the whole batch (top-level {@code checks}); those the schema check found broken
   * are skipped, the others still checked.
   */
  List<DataCheck> batch(YamlMap checks, BrokenPaths broken) {
    List<DataCheck> bound = new ArrayList<>();
    for (String key : checks.keys()) {
      if (key.equals("severity") || broken.within("/checks/" + key)) {
        continue;
      }
      Written check = written(checks, key);
      if (check.severity() == Severity.QUARANTINE) {
        problems.add(
            ErrorCode.INVALID_VALUE,
            quarantineAt(checks, key),
            "severity quarantine sets failing rows aside, but "
                + key
                + " checks the whole batch: use error or warn (quarantine is for column checks)");
        continue;
      }
      if (key.equals("min_rows")) {
        long rows = Long.parseLong(((YamlScalar) check.value()).text());
        bound.add(new DataCheck.MinRows(rows, check.severity()));
      } else {
        YamlScalar percent = ((YamlMap) check.node()).scalar("max_percent");
        bound.add(new DataCheck.RowCountChange(new BigDecimal(percent.text()), check.severity()));
      }
    }
    return bound;
  }

  /** Where the severity that made a batch check quarantine was written. */
  private static Origin quarantineAt(YamlMap checks, String key) {
    if (checks.get(key) instanceof YamlMap form && form.has("severity")) {
      return form.get("severity").origin();
    }
    return checks.get("severity").origin();
  }

  /**
   * Refuses checks on the primary key that repeat what every load checks of it (no NULL in a key
   * column, no key twice): they could only ever report what already fails the load.
   */
  void notOnTheKey(String column, YamlMap checks, List<String> primaryKey) {
    if (primaryKey.contains(column)
        && checks.has("not_null")
        && enabled(written(checks, "not_null"))) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          checks.get("not_null").origin(),
          "'not_null' on primary key column '"
              + column
              + "' repeats what etlx checks in every batch (a NULL in a key column fails the load);"
              + " remove it");
    }
    if (primaryKey.equals(List.of(column))
        && checks.has("unique")
        && enabled(written(checks, "unique"))) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          checks.get("unique").origin(),
          "'unique' on the primary key '"
              + column
              + "' repeats what etlx checks in every batch (a key twice fails the load); remove"
              + " it");
    }
  }

  /** {@code not_null: true}, {@code {severity: warn}} or {@code {value: true, …}}; false: off. */
  private static boolean enabled(Written check) {
    return check.value() == null || Boolean.TRUE.equals(((YamlScalar) check.value()).value());
  }

  private List<String> acceptedValues(ColumnType type, YamlList list) {
    List<String> values = new ArrayList<>();
    boolean ok = true;
    for (YamlNode item : list.items()) {
      try {
        values.add(SpecValues.canonical(type, JsonBridge.toJson(item)));
      } catch (IllegalArgumentException e) {
        problems.add(ErrorCode.INVALID_VALUE, item.origin(), "accepted value " + e.getMessage());
        ok = false;
      }
    }
    return ok ? values : null;
  }

  private String bound(String key, ColumnType type, YamlNode value) {
    if (!ORDERED.contains(type.kind())) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          value.origin(),
          "'"
              + key
              + "' only applies to numbers, dates and timestamps (the column is "
              + type
              + (type.kind() == ColumnType.Kind.STRING
                  ? "); use accepted_values or pattern"
                  : "); use accepted_values"));
      return null;
    }
    try {
      return SpecValues.canonical(type, JsonBridge.toJson(value));
    } catch (IllegalArgumentException e) {
      String hint =
          type.kind() == ColumnType.Kind.DATE || type.kind() == ColumnType.Kind.TIMESTAMP
              ? " (write dates as YYYY-MM-DD, timestamps as YYYY-MM-DD HH:MM:SS)"
              : "";
      problems.add(ErrorCode.INVALID_VALUE, value.origin(), key + " " + e.getMessage() + hint);
      return null;
    }
  }

  /** Whether {@code min} is above {@code max}, both canonical text of {@code type}. */
  private static boolean greater(ColumnType type, String min, String max) {
    if (type.kind() == ColumnType.Kind.DATE || type.kind() == ColumnType.Kind.TIMESTAMP) {
      return min.compareTo(max) > 0; // canonical dates and timestamps sort as text
    }
    return new BigDecimal(min).compareTo(new BigDecimal(max)) > 0;
  }

  private String pattern(ColumnType type, YamlScalar value) {
    if (type.kind() != ColumnType.Kind.STRING) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          value.origin(),
          "'pattern' only applies to string columns (the column is " + type + ")");
      return null;
    }
    String regex = value.text();
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          value.origin(),
          "'"
              + regex
              + "' is not a valid regular expression: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
      return null;
    }
    String unportable = unportable(regex);
    if (unportable != null) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          value.origin(),
          "'"
              + regex
              + "' uses "
              + unportable
              + ", which not every warehouse's regular expressions support; use groups, classes,"
              + " quantifiers, alternation and anchors");
      return null;
    }
    return regex;
  }

  /**
   * What a pattern uses that the warehouses read differently or not at all, null when it uses none
   * of it: DuckDB's RE2 has no lookaround, backreferences or possessive quantifiers, Redshift's and
   * Snowflake's POSIX expressions no {@code (?…)} groups, PostgreSQL reads {@code \b} as a
   * backspace, and Java alone nests classes or intersects them.
   */
  static String unportable(String regex) {
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      char next = i + 1 < regex.length() ? regex.charAt(i + 1) : 0;
      if (c == '\\') {
        if (next >= '1' && next <= '9') {
          return "a backreference (\\" + next + ")";
        }
        if (Character.isLetterOrDigit(next) && "dDwWsS".indexOf(next) < 0) {
          return "the escape \\"
              + next
              + " (only \\d \\D \\w \\W \\s \\S and escaped punctuation read alike)";
        }
        i++; // the escaped character means itself
      } else if (inClass) {
        if (c == '[') {
          return "'[' inside a class (a nested class, or a POSIX class such as [:alpha:])";
        }
        if (c == '&' && next == '&') {
          return "'&&' inside a class (a class intersection)";
        }
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (next == '^') {
          i++;
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++; // []…] and [^]…]: a leading ] is part of the class
        }
      } else if (c == '(' && next == '?') {
        return "'(?' (lookaround, flags, non-capturing or named groups)";
      } else if ((c == '*' || c == '+' || c == '?') && next == '+') {
        return "a possessive quantifier (" + c + "+)";
      }
    }
    return null;
  }
}
