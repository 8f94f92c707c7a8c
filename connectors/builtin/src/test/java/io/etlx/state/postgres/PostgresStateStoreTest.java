package io.etlx.state.postgres;

import io.etlx.jdbc.JdbcLogin;
import io.etlx.state.StateStore;
import io.etlx.state.StateStoreContract;
import io.etlx.testkit.PostgresTestServer;
import java.time.Duration;

/** The state store contract on a real PostgreSQL: two workers share one database. */
class PostgresStateStoreTest extends StateStoreContract {
  private String url;

  @Override
  protected StateStore open() {
    url = PostgresTestServer.newDatabase();
    return sameStorage();
  }

  @Override
  protected StateStore sameStorage() {
    return new PostgresStateStore(
        new JdbcLogin(url, url, "postgres", null, 1, Duration.ofSeconds(30)), "etlx");
  }
}
