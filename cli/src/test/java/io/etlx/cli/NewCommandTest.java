package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etlx new NAME --sample: a spec that validates and runs at once. */
class NewCommandTest {
  @TempDir Path dir;
  private final Map<String, String> env = Map.of("USER", "scaffold");

  @Test
  void aCsvSampleGivesTypedColumnsADatedPathAndTheKey() throws IOException {
    project();
    Path data = Files.createDirectories(dir.resolve("exports"));
    Files.writeString(
        data.resolve("orders_2020-12-01.csv"),
        "Order ID,Customer Name,Total,Paid,Day,Created At\n"
            + "1,Ada,12.5,true,2020-12-01,2020-12-01T09:15:00+01:00\n"
            + "2,\"Lovelace, Ada\",7,false,2020-12-01,2020-12-01T10:00:00Z\n"
            + "3,,120.125,TRUE,2020-12-01,2020-12-01T11:30:00.5Z\n");

    CliRun created =
        etlx("new", "shop_orders", "--sample", data.resolve("orders_2020-12-01.csv").toString());

    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(created.out())
        .contains("It validates. Next: etlx run shop_orders --date 2020-12-01");
    assertThat(dir.resolve("pipelines/shop_orders.yaml"))
        .content()
        .contains(
            "path: \"exports/orders_${date}.csv\"",
            "order_id:      {from: Order ID, type: bigint}",
            "customer_name: {from: Customer Name, type: string}",
            "total:         {from: Total, type: \"decimal(18,3)\"}",
            "paid:          {from: Paid, type: boolean}",
            "day:           {from: Day, type: date}",
            "created_at:    {from: Created At, type: timestamp}",
            "primary_key: [order_id]",
            "mode: upsert");
    CliRun run = etlx("run", "shop_orders", "--date", "2020-12-01", "--env", "dev");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(
            etlx(
                    "query",
                    "--env",
                    "dev",
                    "select order_id, total, created_at from ${schema}.shop_orders order by 1")
                .out())
        .isEqualTo(
            "order_id,total,created_at\n1,12.500,2020-12-01 08:15:00.0\n2,7.000,2020-12-01"
                + " 10:00:00.0\n3,120.125,2020-12-01 11:30:00.5\n");
  }

  @Test
  void ndjsonWithoutASureKeyAppendsAndSaysWhatToFillIn() throws IOException {
    project();
    Files.writeString(
        dir.resolve("events.ndjson"),
        "{\"kind\":\"click\",\"at\":\"2020-12-01 10:00:00\",\"user\":{\"id\":7}}\n"
            + "{\"kind\":\"view\",\"at\":\"2020-12-01 10:00:01\",\"extra\":1}\n");

    CliRun created = etlx("new", "events", "--sample", dir.resolve("events.ndjson").toString());

    assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
    assertThat(dir.resolve("pipelines/events.yaml"))
        .content()
        .contains(
            "path: events.ndjson   # no date in the sample's path",
            "user:  {from: user, type: string, optional: true}",
            "extra: {from: extra, type: bigint, optional: true}",
            "# primary_key: [...]",
            "mode: append");
    assertThat(etlx("run", "events", "--date", "2020-12-01", "--env", "dev").exitCode()).isZero();
  }

  @Test
  void anHttpJsonSampleOfKeyValueEntriesGetsADateColumnInItsKey() throws IOException {
    project();
    try (FxServer server = new FxServer()) {
      CliRun created =
          etlx("new", "rates", "--sample", server.url() + "/historical/2020-12-01.json");

      assertThat(created.exitCode()).as(created.out() + created.err()).isZero();
      assertThat(dir.resolve("pipelines/rates.yaml"))
          .content()
          .contains(
              "type: http",
              "url: \"" + server.url() + "/historical/${date}.json\"",
              "records: /rates",
              "date:  {from: logical_date, type: date}",
              "primary_key: [date, key]");
      CliRun run = etlx("run", "rates", "--date", "2020-12-02", "--env", "dev");
      assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }
  }

  @Test
  void newNeverOverwritesAndNamesAMissingSample() throws IOException {
    project();
    CliRun missing = etlx("new", "x", "--sample", dir.resolve("nope.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("no sample at");

    CliRun existing = etlx("new", "orders", "--sample", dir.resolve("nope.csv").toString());
    assertThat(existing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(existing.err()).contains("already exists");
  }

  private void project() {
    assertThat(etlx("init", dir.toString()).exitCode()).isZero();
  }

  private CliRun etlx(String... args) {
    return CliRun.in(dir, env, args);
  }
}
