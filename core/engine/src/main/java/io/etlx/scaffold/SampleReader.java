package io.etlx.scaffold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.csv.CsvHeader;
import io.etlx.csv.CsvParser;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Reads up to {@link #MAX_ROWS} records of a sample CSV, JSON or NDJSON document (gzip or not). */
public final class SampleReader {
  /** Enough rows to see the types; more only slows the scaffold down. */
  public static final int MAX_ROWS = 1000;

  private static final int MAX_BYTES = 16 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleReader() {}

  /**
   * @param name the sample's file name or URL path: its extension names the format
   */
  public static Sample read(InputStream in, String name) throws IOException {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    InputStream data = lower.endsWith(".gz") ? new GZIPInputStream(in) : in;
    String base = lower.endsWith(".gz") ? lower.substring(0, lower.length() - 3) : lower;
    byte[] bytes = data.readNBytes(MAX_BYTES);
    if (base.endsWith(".csv") || base.endsWith(".tsv")) {
      return csv(bytes, base.endsWith(".tsv") ? '\t' : ',', name);
    }
    if (base.endsWith(".ndjson") || base.endsWith(".jsonl")) {
      return ndjson(bytes, name);
    }
    if (base.endsWith(".json")) {
      return json(bytes, name);
    }
    throw new EtlxException(
        ErrorCode.USAGE,
        name + ": cannot tell the format: name the sample .csv, .json or .ndjson (optionally .gz)");
  }

  private static Sample csv(byte[] bytes, char delimiter, String name) {
    int end = bytes.length;
    boolean whole = end < MAX_BYTES;
    CsvParser parser = new CsvParser(bytes, 0, end, whole, delimiter, 1, name);
    if (!parser.next()) {
      throw new EtlxException(
          ErrorCode.USAGE, name + " is empty: a sample needs a header and rows");
    }
    List<String> header = CsvHeader.names(parser, name);
    List<Map<String, String>> rows = new ArrayList<>();
    while (rows.size() < MAX_ROWS && parser.next()) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size() && i < parser.fields(); i++) {
        row.put(header.get(i), parser.text(i));
      }
      rows.add(row);
    }
    return new Sample(delimiter == ',' ? "csv" : "csv", null, false, header, rows);
  }

  private static Sample ndjson(byte[] bytes, String name) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine();
          line != null && records.size() < MAX_ROWS;
          line = lines.readLine()) {
        if (!line.isBlank()) {
          records.add(JSON.readTree(line));
        }
      }
    }
    return objects("ndjson", null, records, name);
  }

  private static Sample json(byte[] bytes, String name) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    if (root != null && root.isArray()) {
      return objects("json", null, list(root), name);
    }
    if (root == null || !root.isObject()) {
      throw new EtlxException(
          ErrorCode.USAGE, name + ": no records found (not a JSON object or array)");
    }
    // the records: the first array of objects in the document, else the first object of scalars
    // (key -> value entries, as exchange rates are)
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
        return objects("json", "/" + pointer(field.getKey()), list(value), name);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isObject() && value.size() > 0 && allScalars(value)) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> e = value.fields();
            e.hasNext() && rows.size() < MAX_ROWS; ) {
          Map.Entry<String, JsonNode> entry = e.next();
          Map<String, String> row = new LinkedHashMap<>();
          row.put("key", entry.getKey());
          row.put("value", text(entry.getValue()));
          rows.add(row);
        }
        return new Sample(
            "json", "/" + pointer(field.getKey()), true, List.of("key", "value"), rows);
      }
    }
    return objects("json", null, List.of(root), name);
  }

  private static Sample objects(String format, String records, List<JsonNode> nodes, String name) {
    Set<String> fields = new LinkedHashSet<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode node : nodes) {
      if (!node.isObject()) {
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        fields.add(field.getKey());
        row.put(field.getKey(), text(field.getValue()));
      }
      rows.add(row);
      if (rows.size() == MAX_ROWS) {
        break;
      }
    }
    if (rows.isEmpty()) {
      throw new EtlxException(ErrorCode.USAGE, name + ": no records found in the sample");
    }
    return new Sample(format, records, false, List.copyOf(fields), rows);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> nodes = new ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }

  private static boolean allScalars(JsonNode object) {
    for (JsonNode value : object) {
      if (value.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  /** A value as the transform reads it: text of a scalar, JSON text of an object or array. */
  private static String text(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
