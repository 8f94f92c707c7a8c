package io.etlx.jdbc;

import io.etlx.spi.PluginOptions;
import io.etlx.spi.Templates;
import java.sql.Driver;
import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The connection options every JDBC plug-in shares — {@code url} (or the parts a dialect builds one
 * from), {@code user}, {@code password}, {@code pool_size}, {@code connect_timeout_seconds} —
 * resolved for use, and the URL redacted for messages (secrets left as {@code ${NAME}}).
 *
 * @param password null when not set
 */
public record JdbcLogin(
    String url, String shownUrl, String user, String password, int poolSize, Duration timeout) {
  /**
   * How a dialect builds its URL from parts when no {@code url} is given: given a template
   * resolver.
   */
  public interface UrlFromParts {
    String url(PluginOptions options, UnaryOperator<String> resolve);
  }

  public static JdbcLogin of(
      PluginOptions options,
      Templates templates,
      UrlFromParts parts,
      String defaultUser,
      Duration defaultTimeout) {
    String url = url(options, templates::resolve, parts);
    String shown = url(options, templates::redact, parts);
    String password =
        options.has("password") ? templates.resolve(options.string("password", "")) : null;
    return new JdbcLogin(
        url,
        shown,
        templates.resolve(options.string("user", defaultUser)),
        password,
        (int) options.integer("pool_size", 2),
        Duration.ofSeconds(options.integer("connect_timeout_seconds", defaultTimeout.toSeconds())));
  }

  /** The JDBC URL: {@code url}, or the one {@code parts} builds; its templates resolved so. */
  static String url(PluginOptions options, UnaryOperator<String> resolve, UrlFromParts parts) {
    return options.has("url")
        ? resolve.apply(options.string("url", ""))
        : parts.url(options, resolve);
  }

  /** A pool for these options, created on first use, asking {@code driver} for connections. */
  public PooledConnections pool(String name, Properties properties, Driver driver) {
    return new PooledConnections(
        name, url, shownUrl, user, password, poolSize, timeout, properties, driver);
  }
}
