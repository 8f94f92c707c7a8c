package io.etlx.source.jdbc;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.SecretMask;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import io.etlx.spi.Templates;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@code type: jdbc}: a SQL query against a database whose JDBC driver etlx ships (PostgreSQL,
 * Redshift, Snowflake, DuckDB). The logical date is bound to a {@code ?} as a date, never pasted
 * into the SQL.
 */
public final class JdbcSourcePlugin implements SourcePlugin {
  /**
   * The {@code params} item bound as the run's logical date ({@link LocalDate}); others are
   * templated strings.
   */
  static final String LOGICAL_DATE = "logical_date";

  /** Templates etlx would resolve elsewhere, but not in a query, whose values must be bound. */
  private static final Pattern TEMPLATE_IN_QUERY = Pattern.compile("\\$\\{(date|env\\.)");

  @Override
  public String type() {
    return "jdbc";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/source/jdbc/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>();
    String url = spec.string("url", "");
    if (!url.startsWith("jdbc:") && !url.startsWith("${")) {
      problems.add(
          "url: '" + url + "' is not a JDBC URL; write e.g. jdbc:postgresql://host:5432/shop");
    }
    String query = spec.string("query", "");
    if (TEMPLATE_IN_QUERY.matcher(query).find()) {
      problems.add(
          "query: ${…} is not resolved in a query; write ? and bind the value with params,"
              + " e.g. params: [logical_date]");
    }
    problems.addAll(Incremental.check(spec));
    int markers = Placeholders.count(query);
    int values = spec.list("params").size();
    if (markers != values) {
      problems.add(
          "params: the query has "
              + markers
              + " ? placeholder(s) but params lists "
              + values
              + " value(s); give one value per ?, in order: logical_date or a template such as"
              + " \"${env.region}\"");
    }
    return problems;
  }

  @Override
  public Source open(PluginOptions spec, PluginContext context) {
    Templates interpolator = context.templates();
    String urlTemplate = spec.string("url", "");
    String url = interpolator.resolve(urlTemplate);
    String shownUrl = interpolator.redact(urlTemplate);
    requireDriver(url, shownUrl);

    List<String> templates = new ArrayList<>(List.of(urlTemplate));
    Properties credentials = new Properties();
    for (String key : List.of("user", "password")) {
      if (spec.has(key)) {
        credentials.setProperty(key, interpolator.resolve(spec.string(key, "")));
        templates.add(spec.string(key, ""));
      }
    }
    List<JdbcSource.Parameter> params = new ArrayList<>();
    for (String template : spec.list("params")) {
      params.add(parameter(template, interpolator));
      templates.add(template);
    }
    return new JdbcSource(
        url,
        credentials,
        shownUrl,
        spec.string("query", ""),
        params,
        (int) spec.integer("fetch_size", 10_000),
        (int) spec.integer("timeout_seconds", 600),
        new SecretMask(interpolator, templates),
        Incremental.of(spec));
  }

  private static JdbcSource.Parameter parameter(String template, Templates interpolator) {
    if (template.equals(LOGICAL_DATE)) {
      LocalDate date = LocalDate.parse(interpolator.resolve("${date}"));
      return new JdbcSource.Parameter(date, date.toString());
    }
    return new JdbcSource.Parameter(interpolator.resolve(template), interpolator.redact(template));
  }

  /**
   * Here, not at connect time: DriverManager says "No suitable driver" with SQLState 08001, as if
   * retryable.
   */
  private static void requireDriver(String url, String shownUrl) {
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "source.url: no JDBC driver accepts '"
              + shownUrl
              + "'; etlx has drivers for jdbc:postgresql:, jdbc:redshift:, jdbc:snowflake: and"
              + " jdbc:duckdb: URLs");
    }
  }
}
