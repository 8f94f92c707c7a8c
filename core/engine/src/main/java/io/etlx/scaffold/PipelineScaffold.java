package io.etlx.scaffold;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline spec written from a sample: the source (a file or an HTTP URL, the sample's date in
 * its path templated as {@code ${date}}), a column per field with its guessed type, and a primary
 * key when one field is surely a key (upsert), else append with the key left as a comment to fill
 * in.
 */
public final class PipelineScaffold {
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern BASIC_DATE = Pattern.compile("(?<!\\d)\\d{8}(?!\\d)");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .-]*");

  private PipelineScaffold() {}

  /**
   * @param location the sample's path relative to the project (a file) or its URL (http, https)
   */
  public static String yaml(String name, String location, Sample sample) {
    boolean url = location.startsWith("http://") || location.startsWith("https://");
    Templated path = templated(location);
    Map<String, String> columns = columnNames(sample.fields());
    String key = key(sample, columns);

    StringBuilder y = new StringBuilder();
    y.append("# Scaffolded by `etlx new` from ").append(location).append(".\n");
    y.append("# Types were guessed from ")
        .append(sample.rows().size())
        .append(" sample record(s): check them, then `etlx validate`.\n");
    y.append("pipeline: ").append(name).append('\n');
    y.append("description: ").append(quote("Scaffolded from " + path.sampleName)).append('\n');
    y.append("source:\n");
    y.append("  type: ").append(url ? "http" : "file").append('\n');
    y.append(url ? "  url: " : "  path: ").append(quote(path.text));
    y.append(path.dated ? "\n" : "   # no date in the sample's path: every date reads this one\n");
    if (!url) {
      y.append("  format: ").append(sample.format()).append('\n');
    }
    if (sample.records() != null) {
      y.append("  records: ").append(sample.records()).append('\n');
    }
    y.append("transform:\n  version: 1\n  columns:\n");
    int width = columns.values().stream().mapToInt(String::length).max().orElse(4) + 1;
    if (sample.keyValue()) {
      y.append("    ").append(pad("date:", width)).append(" {from: logical_date, type: date}\n");
    }
    for (Map.Entry<String, String> column : columns.entrySet()) {
      String field = column.getKey();
      List<String> values = new ArrayList<>();
      boolean everywhere = true;
      for (Map<String, String> row : sample.rows()) {
        everywhere &= row.containsKey(field);
        values.add(row.get(field));
      }
      String type = ColumnGuess.type(values);
      y.append("    ")
          .append(pad(column.getValue() + ":", width))
          .append(" {from: ")
          .append(quote(field))
          .append(", type: ")
          .append(type.contains(",") ? quote(type) : type)
          .append(everywhere ? "" : ", optional: true")
          .append("}\n");
    }
    if (sample.keyValue()) {
      y.append("primary_key: [date, key]\n");
      y.append("sink:\n  table: ").append(name).append("\n  mode: upsert\n");
    } else if (key != null) {
      y.append("primary_key: [").append(key).append("]\n");
      y.append("sink:\n  table: ").append(name).append("\n  mode: upsert\n");
    } else {
      y.append("# primary_key: [...]   no field was surely a key in the sample (unique, never\n");
      y.append("#                      empty): name the key and set mode: upsert\n");
      y.append("sink:\n  table: ").append(name).append("\n  mode: append\n");
    }
    y.append("notify:\n  - {type: log, on: [failure]}\n");
    return y.toString();
  }

  /** The logical date the sample's location names, if it names one. */
  public static java.util.Optional<LocalDate> sampleDate(String location) {
    Matcher iso = ISO_DATE.matcher(location);
    while (iso.find()) {
      if (real(iso.group(), DateTimeFormatter.ISO_LOCAL_DATE)) {
        return java.util.Optional.of(LocalDate.parse(iso.group()));
      }
    }
    Matcher basic = BASIC_DATE.matcher(location);
    while (basic.find()) {
      if (real(basic.group(), DateTimeFormatter.BASIC_ISO_DATE)) {
        return java.util.Optional.of(
            LocalDate.parse(basic.group(), DateTimeFormatter.BASIC_ISO_DATE));
      }
    }
    return java.util.Optional.empty();
  }

  /** The sample's location with its date templated. */
  private record Templated(String text, boolean dated, String sampleName) {}

  private static Templated templated(String location) {
    String sampleName = location.substring(location.lastIndexOf('/') + 1);
    Matcher iso = ISO_DATE.matcher(location);
    while (iso.find()) {
      if (real(iso.group(), DateTimeFormatter.ISO_LOCAL_DATE)) {
        return new Templated(
            location.substring(0, iso.start()) + "${date}" + location.substring(iso.end()),
            true,
            sampleName);
      }
    }
    Matcher basic = BASIC_DATE.matcher(location);
    while (basic.find()) {
      if (real(basic.group(), DateTimeFormatter.BASIC_ISO_DATE)) {
        return new Templated(
            location.substring(0, basic.start())
                + "${date:yyyyMMdd}"
                + location.substring(basic.end()),
            true,
            sampleName);
      }
    }
    return new Templated(location, false, sampleName);
  }

  private static boolean real(String text, DateTimeFormatter format) {
    try {
      LocalDate date = LocalDate.parse(text, format);
      return date.getYear() >= 1970 && date.getYear() <= 2100;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Field → column name: lower case, letters, digits and underscores, unique. */
  static Map<String, String> columnNames(List<String> fields) {
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(Set.of("date"));
    for (String field : fields) {
      String name =
          java.text.Normalizer.normalize(field, java.text.Normalizer.Form.NFD)
              .replaceAll("\\p{M}", "") // é -> e
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9_]+", "_")
              .replaceAll("_+", "_")
              .replaceAll("^_|_$", "");
      if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
        name = "c_" + name;
      }
      if (name.length() > 60) {
        name = name.substring(0, 60);
      }
      String unique = name;
      for (int i = 2; !taken.add(unique); i++) {
        unique = name + "_" + i;
      }
      names.put(field, unique);
    }
    return names;
  }

  /**
   * The column of the one field that is surely a key: named id, or ending in id, with a value in
   * every record and no value twice.
   */
  private static String key(Sample sample, Map<String, String> columns) {
    if (sample.keyValue()) {
      return null;
    }
    List<String> candidates = new ArrayList<>();
    for (String field : sample.fields()) {
      String lower = field.toLowerCase(Locale.ROOT);
      if (lower.equals("id")) {
        candidates.add(0, field);
      } else if (lower.endsWith("_id") || lower.endsWith("id")) {
        candidates.add(field);
      }
    }
    for (String field : candidates) {
      Set<String> seen = new HashSet<>();
      boolean key = true;
      for (Map<String, String> row : sample.rows()) {
        String value = row.get(field);
        if (value == null || value.isEmpty() || !seen.add(value)) {
          key = false;
          break;
        }
      }
      if (key) {
        return columns.get(field);
      }
    }
    return null;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  /** A YAML scalar: as it is when plain, else double-quoted. */
  private static String quote(String text) {
    if (PLAIN.matcher(text).matches() && !text.endsWith(" ")) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
