package io.etlx.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.etlx.engine.PluginSetup;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.interpolate.Interpolator;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.RecordSink;
import io.etlx.spi.Source;
import io.etlx.testkit.PostgresTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * incremental: only rows past the last committed high-water mark minus the lookback, against a real
 * PostgreSQL; NULL cursors are loud by default.
 */
class JdbcIncrementalTest {
  private String url;
  @TempDir Path project;

  @BeforeEach
  void createOrders() throws Exception {
    url = PostgresTestServer.newDatabase();
    sql(
        "create table orders (id bigint, status text, updated_at timestamp, paid_at timestamptz,"
            + " version bigint)",
        "insert into orders values (1, 'new', '2020-12-01 10:00:00', '2020-12-01 10:00:00+00', 1),"
            + " (2, 'new', '2020-12-01 11:00:00', '2020-12-01 11:00:00+00', 2)");
  }

  @Test
  void eachExtractReadsWhatChangedSinceTheLastCommittedOneMinusTheLookback() throws Exception {
    Extract first = extract(spec("updated_at", "lookback: 30m"), null);
    assertThat(first.ids).containsExactly(1L, 2L); // a first extract reads everything
    assertThat(first.state).contains("\"max\":\"2020-12-01 11:00:00\"");

    sql(
        "update orders set status = 'paid', updated_at = '2020-12-02 09:00:00' where id = 1",
        // committed late: its time is before the last high-water mark, but within the lookback
        "insert into orders values (3, 'late', '2020-12-01 10:45:00', null, 3)");
    Extract second = extract(spec("updated_at", "lookback: 30m"), first.state);

    assertThat(second.ids).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(second.state).contains("\"max\":\"2020-12-02 09:00:00\"");

    Extract third = extract(spec("updated_at", "lookback: 30m"), second.state);
    assertThat(third.ids).containsExactly(1L); // only the window below the mark
    Extract nothingNew = extract(spec("updated_at", ""), second.state);
    assertThat(nothingNew.ids).isEmpty();
    assertThat(nothingNew.state).isEqualTo(second.state); // the mark stays where it was
  }

  @Test
  void numericAndTimeZoneAwareCursors() throws Exception {
    Extract byVersion = extract(spec("version", ""), null);
    sql("insert into orders values (4, 'new', null, '2020-12-03 08:00:00+01', 7)");
    assertThat(extract(spec("version", "lookback: 1"), byVersion.state).ids)
        .containsExactly(2L, 4L);

    sql("update orders set paid_at = '2020-12-02 00:00:00+00' where paid_at is null and id <> 4");
    Extract byPaid = extract(spec("paid_at", "nulls: include"), null);
    assertThat(byPaid.state).contains("TIMESTAMP_UTC", "2020-12-03 07:00:00");
  }

  @Test
  void aNullCursorFailsUnlessToldWhatToDo() throws Exception {
    sql("insert into orders values (9, 'no time', null, null, 9)");

    EtlxException e = (EtlxException) catchThrowable(() -> extract(spec("updated_at", ""), null));
    assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_GARBAGE);
    assertThat(e).hasMessageContaining("has no updated_at (NULL)", "nulls: include");

    Extract first = extract(spec("updated_at", "nulls: include"), null);
    assertThat(first.ids).contains(9L);
    assertThat(extract(spec("updated_at", "nulls: include"), first.state).ids).containsExactly(9L);
    assertThat(extract(spec("updated_at", "nulls: skip"), first.state).ids).isEmpty();
  }

  @Test
  void aCursorTheQueryDoesNotReturnIsNamed() {
    EtlxException e = (EtlxException) catchThrowable(() -> extract(spec("changed_at", ""), null));
    assertThat(e).hasMessageContaining("has no column changed_at (it has id, status, updated_at");
    assertThat(
            new JdbcSourcePlugin()
                .check(
                    JdbcSourceTest.spec(
                        "url: jdbc:x\n"
                            + "query: select 1\n"
                            + "incremental: {cursor: \"a b\", lookback: soon}")))
        .anyMatch(p -> p.startsWith("incremental.cursor"))
        .anyMatch(p -> p.startsWith("incremental.lookback"));
  }

  private record Extract(List<Long> ids, String state) {}

  private PluginOptions spec(String cursor, String more) {
    return JdbcSourceTest.spec(
        "url: \""
            + url
            + "\"\n"
            + "user: postgres\n"
            + "query: select id, status, updated_at, paid_at, version from orders\n"
            + "incremental: {cursor: "
            + cursor
            + (more.isEmpty() ? "" : ", " + more)
            + "}");
  }

  private Extract extract(PluginOptions spec, String previous) {
    Interpolator interpolator = new Interpolator(LocalDate.of(2020, 12, 2), Map.of(), Map.of());
    Source source = new JdbcSourcePlugin().open(spec, PluginSetup.of(project, interpolator));
    List<Long> ids = new ArrayList<>();
    String[] saved = {null};
    source.extract(
        new RecordSink() {
          @Override
          public void emit(Map<String, ?> record) {
            ids.add(((Number) record.get("id")).longValue());
          }

          @Override
          public Optional<String> previousState() {
            return Optional.ofNullable(previous);
          }

          @Override
          public void saveState(String state) {
            saved[0] = state;
          }
        });
    return new Extract(ids, saved[0]);
  }

  private void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
