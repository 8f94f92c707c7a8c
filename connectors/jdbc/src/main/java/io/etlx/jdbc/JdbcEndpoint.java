package io.etlx.jdbc;

import io.etlx.spi.PluginOptions;
import io.etlx.spi.Templates;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a JDBC warehouse is — host, port and database — as lineage names it: never the URL's user,
 * password or parameters.
 *
 * @param database empty when the URL names none
 */
public record JdbcEndpoint(String host, int port, String database) {
  /**
   * The endpoint the connection options point at ({@code url}, or the URL {@code parts} builds),
   * their templates resolved; empty when the URL names no single host.
   */
  public static Optional<JdbcEndpoint> of(
      PluginOptions options, Templates templates, JdbcLogin.UrlFromParts parts, int defaultPort) {
    return parse(JdbcLogin.url(options, templates::resolve, parts), defaultPort);
  }

  /** The endpoint of a JDBC URL such as {@code jdbc:postgresql://db:5432/analytics?ssl=true}. */
  public static Optional<JdbcEndpoint> parse(String jdbcUrl, int defaultPort) {
    if (!jdbcUrl.startsWith("jdbc:")) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(jdbcUrl.substring("jdbc:".length()));
      if (uri.getHost() == null) {
        return Optional.empty(); // several hosts, or not a URL with an authority
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
      return Optional.of(
          new JdbcEndpoint(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), path));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** {@code database.schema.table}, or {@code schema.table} when the URL names no database. */
  public String name(String schema, String table) {
    return (database.isEmpty() ? "" : database + ".") + schema + "." + table;
  }
}
