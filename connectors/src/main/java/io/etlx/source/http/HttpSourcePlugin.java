package io.etlx.source.http;

import io.etlx.spi.SourcePlugin;

/** {@code type: http}: a JSON API fetched with a templated URL, query and headers. */
public final class HttpSourcePlugin implements SourcePlugin {
  @Override
  public String type() {
    return "http";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/source/http/options.schema.json";
  }
}
