package io.etlx.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.error.ErrorCode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** How a warehouse's SQLState becomes an etlx error: what a retry can fix, and what it cannot. */
class SqlSessionTest {
  @Test
  void aConcurrentTransactionThatWonIsRetried() {
    for (String state : new String[] {"40P01", "40001", "55P03"}) {
      ErrorCode code = SqlSession.code(new SQLException("deadlock detected", state));
      assertThat(code).as(state).isEqualTo(ErrorCode.WAREHOUSE_CONFLICT);
      assertThat(code.retryable()).isTrue();
    }
  }

  @Test
  void unreachableIsRetriedAndRefusedIsNot() {
    assertThat(SqlSession.code(new SQLException("refused", "08001")).retryable()).isTrue();
    assertThat(SqlSession.code(new SQLException("bad cast", "22P02")))
        .isEqualTo(ErrorCode.WAREHOUSE_REJECTED);
    assertThat(SqlSession.code(new SQLException("bad cast", "22P02")).retryable()).isFalse();
  }
}
