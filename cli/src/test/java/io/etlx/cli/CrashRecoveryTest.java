package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a real etlx process mid-stage (a halt, like kill -9: no cleanup runs) at every dangerous
 * point, then reruns: the table must hold exactly the right rows, once, and the ledger exactly one
 * load.
 */
class CrashRecoveryTest {
  private static final String TABLE = "alice_dev.historical_exchange_rates";

  @org.junit.jupiter.api.io.TempDir Path dir;
  FxServer server;
  TestProject project;

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    project = new TestProject(dir, server.url(), false);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest(name = "crash at {0}")
  @ValueSource(
      strings = {
        "extract:before-commit",
        "transform:before-record",
        "load:before-commit",
        "load:after-commit"
      })
  void rerunAfterACrashLeavesExactlyTheRightRows(String point) throws Exception {
    CliRun crashed =
        project.crashing(point, "run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    assertThat(crashed.exitCode()).as(crashed.err()).isEqualTo(137);
    assertThat(crashed.err()).contains("crashing at " + point);

    CliRun rerun = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    CliRun again = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(project.rows(TABLE)).hasSize(5).doesNotHaveDuplicates();
    assertThat(project.rows("alice_dev._etlx_loads")).hasSize(1);
    if (point.equals("load:after-commit")) {
      assertThat(rerun.out())
          .contains(
              "committed by the interrupted attempt (the warehouse's ledger holds it); not applied"
                  + " again");
    }
  }
}
