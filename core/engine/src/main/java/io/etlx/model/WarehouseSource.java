package io.etlx.model;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RecordSink;
import io.etlx.spi.Source;
import java.io.IOException;
import java.time.LocalDate;

/** A model's query for one logical date. */
final class WarehouseSource implements Source {
  private static final int SHOWN_CHARS = 60;
  private final PluginOptions options;
  private final PluginContext context;

  WarehouseSource(PluginOptions options, PluginContext context) {
    this.options = options;
    this.context = context;
  }

  @Override
  public String describe() {
    if (options.has("file")) {
      return "warehouse query " + options.string("file", "");
    }
    String text = options.string("query", "").strip().replaceAll("\\s+", " ");
    return "warehouse query: "
        + (text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…");
  }

  @Override
  public void extract(RecordSink out) {
    PluginContext.Target target =
        context
            .target()
            .orElseThrow(
                () ->
                    new EtlxException(
                        ErrorCode.INTERNAL, "a warehouse source was opened without a warehouse"));
    LocalDate date = LocalDate.parse(context.templates().resolve("${date}"));
    ModelSql sql = ModelSql.of(query(), date);
    target.warehouse().read(sql.sql(), sql.params(), target.schema(), out);
  }

  private String query() {
    try {
      return ModelQuery.text(options, context::path);
    } catch (IOException e) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "cannot read the model's query from "
              + context.path(options.string("file", ""))
              + " ("
              + e.getClass().getSimpleName()
              + "): source.file names a .sql file relative to the project directory",
          e);
    }
  }
}
