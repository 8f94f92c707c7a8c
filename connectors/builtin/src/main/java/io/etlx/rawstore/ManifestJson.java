package io.etlx.rawstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.RawFormat;
import io.etlx.spi.RawManifest;
import java.io.IOException;
import java.time.Instant;

/** The JSON form of a raw manifest, shared by every raw store. */
public final class ManifestJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestJson() {}

  public static byte[] write(RawManifest manifest) {
    ObjectNode node = JSON.createObjectNode();
    node.put("pipeline", manifest.pipeline());
    node.put("date", manifest.date());
    node.put("request", manifest.request());
    node.put("fetched_at", manifest.fetchedAt().toString());
    node.put("checksum", manifest.checksum());
    node.put("records", manifest.records());
    node.put("schema_version", manifest.schemaVersion());
    node.put("format", manifest.format().name());
    if (manifest.format().kind() == RawFormat.Kind.CSV) {
      node.put("delimiter", String.valueOf(manifest.format().delimiter()));
    }
    if (manifest.sourceState() != null) {
      node.put("source_state", manifest.sourceState());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new EtlxException(ErrorCode.INTERNAL, "cannot write manifest: " + e.getMessage(), e);
    }
  }

  public static RawManifest read(byte[] bytes, String where) {
    try {
      JsonNode node = JSON.readTree(bytes);
      return new RawManifest(
          node.get("pipeline").asText(),
          node.get("date").asText(),
          node.get("request").asText(),
          Instant.parse(node.get("fetched_at").asText()),
          node.get("checksum").asText(),
          node.get("records").asLong(),
          node.get("schema_version").asInt(),
          node.hasNonNull("source_state") ? node.get("source_state").asText() : null,
          RawFormat.parse(
              node.path("format").asText("ndjson.gz"),
              node.path("delimiter").asText(",").charAt(0)));
    } catch (IOException | RuntimeException e) {
      throw new EtlxException(
          ErrorCode.CORRUPT_DATA,
          "the raw partition's manifest "
              + where
              + " is damaged ("
              + (e instanceof NullPointerException
                  ? "a field is missing"
                  : String.valueOf(e.getMessage()).lines().findFirst().orElse(""))
              + "); fetch the date again with --re-extract (the damaged copy is kept aside)",
          e);
    }
  }
}
