package io.etlx.spec;

/**
 * Where an environment sends OpenLineage run events (YAML {@code lineage:}): to an OpenLineage
 * server over HTTP (Marquez and others), appended to a file, or both. {@code namespace} is the
 * jobs' namespace (default {@code etlx-ENVIRONMENT}). Every string is a template, resolved when the
 * environment is opened.
 *
 * @param http null when events do not go over HTTP
 * @param file null when events are not written to a file
 */
public record LineageSpec(String namespace, Http http, File file) {
  /** The default number of seconds to connect and to send one event. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 5;

  /**
   * An OpenLineage HTTP endpoint: events are POSTed to {@code url}, or to {@code
   * url/api/v1/lineage} when the URL has no path.
   *
   * @param apiKey a {@code ${VAR}} reference sent as {@code Authorization: Bearer}; null without
   */
  public record Http(String url, String apiKey, int timeoutSeconds) {}

  /** A file events are appended to, one JSON event per line; relative to the project. */
  public record File(String path) {}
}
