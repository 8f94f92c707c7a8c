package io.etlx.source.file;

import io.etlx.spi.SourcePlugin;

/** {@code type: file}: CSV, JSON or NDJSON files whose path is templated by the logical date. */
public final class FileSourcePlugin implements SourcePlugin {
  @Override
  public String type() {
    return "file";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/source/file/options.schema.json";
  }
}
