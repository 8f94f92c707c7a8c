package io.etlx.model;

import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: warehouse}: a SQL model, a pipeline whose source is a query over the tables of the
 * environment's own warehouse (e.g. a daily report joining two loaded tables). The query's rows are
 * extracted to a raw partition and then transformed, checked and loaded as any source's, so a model
 * is retried, rebuilt and backfilled as any pipeline. Unqualified table names resolve in the
 * environment's target schema; {@code ${date}} is bound as the logical date.
 */
public final class WarehouseSourcePlugin implements SourcePlugin {
  @Override
  public String type() {
    return "warehouse";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/model/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions options) {
    List<String> problems = new ArrayList<>();
    if (options.has("query")) {
      ModelSql.check(options.string("query", ""))
          .ifPresent(problem -> problems.add("query: " + problem));
    }
    if (options.has("file") && !options.string("file", "").endsWith(".sql")) {
      problems.add("file: name a .sql file holding the query, e.g. models/daily_revenue.sql");
    }
    return problems;
  }

  @Override
  public Source open(PluginOptions options, PluginContext context) {
    return new WarehouseSource(options, context);
  }
}
