package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a command ends: a date locked by another process has its own exit code; a backfill's summary
 * names each failed date with its error; a failure is printed once, log notifier or not.
 */
class RunOutcomeTest {
  @TempDir Path dir;
  private FxServer server;
  private TestProject project;

  @BeforeEach
  void start() throws Exception {
    server = new FxServer();
    project = new TestProject(dir, server.url(), false);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Holds the run lock of a date as another etlx process would (an OS file lock). */
  private FileChannel lockAsAnotherProcess(String date) throws Exception {
    Path file = dir.resolve("state-dev/dev/exchange_rates/" + date + ".lock");
    Files.createDirectories(file.getParent());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.lock(); // released when the channel closes
    return channel;
  }

  @Test
  void aLockedDateExitsWithTheLockedCode() throws Exception {
    try (FileChannel held = lockAsAnotherProcess("2020-12-01")) {
      CliRun run = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
      CliRun backfill =
          project.etlx(
              "backfill",
              "exchange_rates",
              "--from",
              "2020-12-01",
              "--to",
              "2020-12-02",
              "--env",
              "dev");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.LOCKED).isEqualTo(5);
      assertThat(run.err())
          .startsWith(
              "etlx: exchange_rates 2020-12-01 (dev) is already running in another process");
      assertThat(backfill.exitCode()).as(backfill.err()).isEqualTo(ExitCode.LOCKED);
      assertThat(backfill.out())
          .contains(
              "2 date(s): 1 ok, 1 failed\n"
                  + "  2020-12-01: exchange_rates 2020-12-01 (dev) is already running in another"
                  + " process");
    }
    CliRun free = project.etlx("run", "exchange_rates", "--date", "2020-12-01", "--env", "dev");
    assertThat(free.exitCode()).as(free.err()).isZero();
  }

  @Test
  void aBackfillSummaryNamesEachFailedDateAndARealFailureOutranksALock() throws Exception {
    for (String date : new String[] {"2020-12-01", "2020-12-03"}) {
      assertThat(project.etlx("run", "exchange_rates", "--date", date, "--env", "dev").exitCode())
          .isZero();
    }
    server.apiStatus = 404; // dates not extracted yet fail; extracted ones are complete

    CliRun backfill;
    try (FileChannel held = lockAsAnotherProcess("2020-12-02")) {
      backfill =
          project.etlx(
              "backfill",
              "exchange_rates",
              "--from",
              "2020-12-01",
              "--to",
              "2020-12-04",
              "--env",
              "dev");
    }

    assertThat(backfill.exitCode()).as(backfill.err()).isEqualTo(ExitCode.EXTERNAL);
    String summary = backfill.out().substring(backfill.out().indexOf("4 date(s)"));
    assertThat(summary)
        .startsWith(
            "4 date(s): 2 ok, 2 failed\n"
                + "  2020-12-02: exchange_rates 2020-12-02 (dev) is already running in another"
                + " process")
        .containsPattern("\n  2020-12-04: .*HTTP 404.*\n$");
    assertThat(backfill.err())
        .isEqualTo(
            "etlx: 2 of 4 date(s) failed (listed above); rerun the backfill to retry them:"
                + " complete dates are skipped\n");
  }

  @Test
  void aFailureIsPrintedOnceWithALogNotifier() throws Exception {
    assertThat(project.pipeline()).contains("{type: log, on: [success, failure]}");
    server.apiStatus = 404;

    CliRun run =
        project.process(
            Map.of(),
            "run",
            "exchange_rates",
            "--date",
            "2020-12-01",
            "--env",
            "dev",
            "--retries",
            "0");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.EXTERNAL);
    String printed = run.out() + run.err();
    assertThat(Pattern.compile("HTTP 404").matcher(printed).results().count())
        .as(printed)
        .isEqualTo(1);
    assertThat(run.out()).contains("  extract    failed            0  SOURCE_REJECTED\n");
    assertThat(run.err())
        .contains("ERROR notify - etlx: exchange_rates 2020-12-01 (dev) FAILED at extract\n");
  }
}
