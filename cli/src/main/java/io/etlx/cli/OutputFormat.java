package io.etlx.cli;

/** {@code --format}: text for people, json for scripts and CI annotations. */
enum OutputFormat {
  text,
  json
}
