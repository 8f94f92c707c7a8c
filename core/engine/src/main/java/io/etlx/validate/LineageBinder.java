package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spec.LineageSpec;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlScalar;

/**
 * Binds an environment's schema-checked {@code lineage:} block to a {@link LineageSpec}: a
 * transport is required, an HTTP URL must be one, and the API key a reference to the environment.
 */
final class LineageBinder {
  private static final String HTTP_SCHEMA = "/properties/lineage/properties/http";

  private LineageBinder() {}

  /** The spec; null when the block is absent or a problem was found in it. */
  static LineageSpec bind(YamlMap root, String environment, BrokenPaths broken, Problems problems) {
    YamlMap lineage = root.map("lineage");
    if (lineage == null) {
      return null;
    }
    YamlMap http = lineage.map("http");
    if (http != null) {
      // in the same pass as the shape: a literal key is reported even beside another mistake
      SecretOptions.check(
          Workspace.class, Workspace.ENVIRONMENT_SCHEMA, HTTP_SCHEMA, http, problems);
    }
    if (broken.within("/lineage")) {
      return null;
    }
    int before = problems.size();
    YamlMap file = lineage.map("file");
    if (http == null && file == null) {
      problems.add(
          ErrorCode.MISSING_KEY,
          lineage.origin(),
          "say where events go: http: {url: …} (an OpenLineage server such as Marquez)"
              + " or file: {path: …}");
    }
    if (http != null) {
      checkUrl(http.scalar("url"), problems);
    }
    if (problems.size() > before) {
      return null;
    }
    return new LineageSpec(
        lineage.text("namespace", "etlx-" + environment),
        http == null
            ? null
            : new LineageSpec.Http(
                http.text("url", null),
                http.text("api_key", null),
                timeout(http.scalar("timeout_seconds"))),
        file == null ? null : new LineageSpec.File(file.text("path", null)));
  }

  private static void checkUrl(YamlScalar url, Problems problems) {
    String text = url.text();
    if (!text.contains("${") && !text.startsWith("http://") && !text.startsWith("https://")) {
      problems.add(
          ErrorCode.INVALID_VALUE,
          url.origin(),
          "'" + text + "' is not an http:// or https:// URL (e.g. http://marquez:5000)");
    }
  }

  private static int timeout(YamlScalar scalar) {
    return scalar == null || scalar.isNull()
        ? LineageSpec.DEFAULT_TIMEOUT_SECONDS
        : Integer.parseInt(scalar.text());
  }
}
