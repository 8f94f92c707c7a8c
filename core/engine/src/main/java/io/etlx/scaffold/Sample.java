package io.etlx.scaffold;

import java.util.List;
import java.util.Map;

/**
 * Records read from a sample of a source, as a pipeline would see them.
 *
 * @param format csv, json or ndjson
 * @param records JSON pointer to the records in a JSON document (null: the document is the array of
 *     records, or not JSON)
 * @param keyValue the records are an object of key → value (each entry a record {key, value})
 * @param fields every field name in order of first appearance
 * @param rows the records, field → text (null: JSON null or an empty CSV field)
 */
public record Sample(
    String format,
    String records,
    boolean keyValue,
    List<String> fields,
    List<Map<String, String>> rows) {}
