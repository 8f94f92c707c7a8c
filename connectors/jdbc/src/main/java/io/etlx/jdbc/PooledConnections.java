package io.etlx.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A HikariCP pool, created on first use (so a warehouse that is down fails the load stage,
 * retryably, not the start of the command). Messages name the URL, never the password.
 */
public final class PooledConnections implements Connections {
  private final HikariConfig config;
  private final String shown;
  private HikariDataSource pool;

  /** {@code shown} is the URL as messages may show it (secrets left as {@code ${NAME}}). */
  public PooledConnections(
      String name,
      String jdbcUrl,
      String shown,
      String user,
      String password,
      int size,
      Duration timeout,
      Properties properties) {
    this(name, jdbcUrl, shown, user, password, size, timeout, properties, null);
  }

  /**
   * @param driver the driver to ask for connections (null: the one {@code DriverManager} finds for
   *     the URL, after loading every driver on the class path)
   */
  public PooledConnections(
      String name,
      String jdbcUrl,
      String shown,
      String user,
      String password,
      int size,
      Duration timeout,
      Properties properties,
      Driver driver) {
    this.shown = shown;
    config = new HikariConfig();
    config.setPoolName("etlx-" + name);
    if (driver == null) {
      config.setJdbcUrl(jdbcUrl);
      config.setDataSourceProperties(properties);
    } else {
      config.setDataSource(new DriverConnections(driver, jdbcUrl, properties));
    }
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(timeout.toMillis());
  }

  @Override
  public synchronized Connection borrow() throws SQLException {
    try {
      if (pool == null) {
        pool = new HikariDataSource(config);
      }
      return pool.getConnection();
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new EtlxException(
          ErrorCode.WAREHOUSE_UNAVAILABLE,
          "cannot connect to "
              + shown
              + ": "
              + cause.getMessage()
              + "; check host, port, database and credentials;"
              + " a rerun later is safe",
          e);
    }
  }

  @Override
  public void release(Connection connection) throws SQLException {
    connection.close();
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }
}
