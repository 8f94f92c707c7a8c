package io.etlx.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections from one JDBC driver, asked directly. {@code DriverManager} would first load and
 * initialise every driver on the class path (the Snowflake driver alone is hundreds of classes),
 * which every short {@code etlx run} pays for at start.
 */
public final class DriverConnections implements DataSource {
  private final Driver driver;
  private final String url;
  private final Properties properties;
  private int loginTimeout;

  /** {@code properties}: the driver's connection properties, without user and password. */
  public DriverConnections(Driver driver, String url, Properties properties) {
    this.driver = driver;
    this.url = url;
    this.properties = properties;
  }

  /** A connection as {@code user} (null: none given). */
  public Connection connect(String user, String password) throws SQLException {
    Properties all = new Properties();
    all.putAll(properties);
    if (user != null) {
      all.setProperty("user", user);
    }
    if (password != null) {
      all.setProperty("password", password);
    }
    Connection connection = driver.connect(url, all);
    if (connection == null) {
      // the driver does not take this URL: the message DriverManager would give
      throw new SQLException("No suitable driver found for this URL", "08001");
    }
    return connection;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(null, null);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return connect(user, password);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
