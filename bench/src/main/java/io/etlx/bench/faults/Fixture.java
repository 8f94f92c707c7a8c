package io.etlx.bench.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a fault-campaign project holds: three pipelines over generated CSV files (one file per
 * logical date and "source version"), the spec versions the campaign switches between, and the
 * environment. Everything is deterministic for a (date, source version), so the clean run reads the
 * very files the faulted project read.
 */
final class Fixture {
  static final String ENV = "faults";
  static final String SCHEMA = "faults";
  static final String PG_URL_VAR = "ETLX_FAULTS_PG_URL";
  static final List<LocalDate> DATES =
      LocalDate.parse("2020-12-01").datesUntil(LocalDate.parse("2020-12-05")).toList();
  static final int SOURCE_VERSIONS = 3;

  /**
   * The pipelines: upsert (spec changes, source versions with the same keys), replace_partition,
   * append.
   */
  enum Pipeline {
    ITEMS("order_items", "order_items", true),
    LINES("order_lines", "order_lines", true),
    EVENTS("events", "events", false);

    final String name;
    final String table;

    /**
     * Whether a "source version" changes this pipeline's data (append never loads a date twice).
     */
    final boolean versioned;

    Pipeline(String name, String table, boolean versioned) {
      this.name = name;
      this.table = table;
      this.versioned = versioned;
    }
  }

  /**
   * The spec versions of {@code order_items}: A (the shipped one, rounding half up), B (a wider
   * decimal without rounding and an added constant column), C (transform version 2: an added column
   * with a default, an explicit cast back to 2 places, another rounding). Going back from C to A or
   * B lowers the transform version, which only a rebuild can do; every other switch is taken by a
   * plain backfill.
   */
  enum ItemsSpec {
    A(
        1,
        List.of("order_item_id", "order_id", "item_name", "amount", "currency_code", "ordered_at"),
        """
        pipeline: order_items
        description: Order items, one file per day (fault campaign, spec A)
        source: {type: file, path: "data/order_items/${date}.csv", format: csv}
        transform:
          version: 1
          columns:
            order_item_id: {from: order_item_id, type: bigint}
            order_id:      {from: order_id, type: bigint}
            item_name:     {from: item_name, type: string}
            amount:        {from: amount, type: "decimal(12,2)", round: half_up}
            currency_code: {from: currency_code, type: string}
            ordered_at:    {from: ordered_at, type: timestamp}
        primary_key: [order_item_id]
        sink: {table: order_items, mode: upsert}
        """),
    B(
        1,
        List.of(
            "order_item_id",
            "order_id",
            "item_name",
            "amount",
            "currency_code",
            "ordered_at",
            "channel"),
        """
        pipeline: order_items
        description: Order items, one file per day (fault campaign, spec B)
        source: {type: file, path: "data/order_items/${date}.csv", format: csv}
        transform:
          version: 1
          columns:
            order_item_id: {from: order_item_id, type: bigint}
            order_id:      {from: order_id, type: bigint}
            item_name:     {from: item_name, type: string}
            amount:        {from: amount, type: "decimal(14,4)"}
            currency_code: {from: currency_code, type: string}
            ordered_at:    {from: ordered_at, type: timestamp}
            channel:       {value: web, type: string}
        primary_key: [order_item_id]
        sink: {table: order_items, mode: upsert}
        """),
    C(
        2,
        List.of(
            "order_item_id",
            "order_id",
            "item_name",
            "amount",
            "currency_code",
            "ordered_at",
            "region"),
        """
        pipeline: order_items
        description: Order items, one file per day (fault campaign, spec C)
        source: {type: file, path: "data/order_items/${date}.csv", format: csv}
        transform:
          version: 2
          columns:
            order_item_id: {from: order_item_id, type: bigint}
            order_id:      {from: order_id, type: bigint}
            item_name:     {from: item_name, type: string}
            amount:        {from: amount, type: "decimal(12,2)", round: half_even}
            currency_code: {from: currency_code, type: string}
            ordered_at:    {from: ordered_at, type: timestamp}
            region:        {value: EU, type: string}
          upgrades:
            - from: 1
              default: {region: EU}
              cast: {amount: "decimal(12,2)"}
        primary_key: [order_item_id]
        sink: {table: order_items, mode: upsert}
        """),
    /**
     * C as a column rename instead (--spec-c rename): version-1 raw data then maps to NULL product
     * names, because the rule renames the raw field item_name that the column reads (a finding of
     * this campaign, left in etlx as found; see bench/README.md).
     */
    C_RENAME(
        2,
        List.of(
            "order_item_id", "order_id", "product_name", "amount", "currency_code", "ordered_at"),
        """
        pipeline: order_items
        description: Order items, one file per day (fault campaign, spec C with a rename)
        source: {type: file, path: "data/order_items/${date}.csv", format: csv}
        transform:
          version: 2
          columns:
            order_item_id: {from: order_item_id, type: bigint}
            order_id:      {from: order_id, type: bigint}
            product_name:  {from: item_name, type: string}
            amount:        {from: amount, type: "decimal(12,2)", round: half_even}
            currency_code: {from: currency_code, type: string}
            ordered_at:    {from: ordered_at, type: timestamp}
          upgrades:
            - from: 1
              rename: {item_name: product_name}
        primary_key: [order_item_id]
        sink: {table: order_items, mode: upsert}
        """);

    final int version;
    final List<String> columns;
    final String yaml;

    ItemsSpec(int version, List<String> columns, String yaml) {
      this.version = version;
      this.columns = columns;
      this.yaml = yaml;
    }
  }

  static final String LINES_SPEC =
      """
      pipeline: order_lines
      description: Order lines, the day's partition replaced (fault campaign)
      source: {type: file, path: "data/order_lines/${date}.csv", format: csv}
      transform:
        columns:
          line_date: {from: logical_date, type: date}
          line_id:   {from: line_id, type: integer}
          qty:       {from: qty, type: integer}
          price:     {from: price, type: "decimal(10,2)"}
      primary_key: [line_date, line_id]
      sink: {table: order_lines, mode: replace_partition}
      """;
  static final List<String> LINES_COLUMNS = List.of("line_date", "line_id", "qty", "price");

  static final String EVENTS_SPEC =
      """
      pipeline: events
      description: Shop events, appended (fault campaign)
      source: {type: file, path: "data/events/${date}.csv", format: csv}
      transform:
        columns:
          event_id:    {from: event_id, type: bigint}
          kind:        {from: kind, type: string}
          happened_at: {from: happened_at, type: timestamp}
      sink: {table: events, mode: append}
      """;
  static final List<String> EVENTS_COLUMNS = List.of("event_id", "kind", "happened_at");

  private static final String[] NAMES = {
    "Chai masala 500g",
    "Espresso beans \"Roma\" 1kg",
    "Smørrebrød kit",
    "Matcha whisk 抹茶",
    "Merino scarf, grey",
    "Café au lait bowl",
    "Tea towel"
  };
  private static final String[] CURRENCIES = {"INR", "EUR", "GBP", "JPY", "USD"};
  private static final String[] KINDS = {"view", "cart", "checkout"};

  private Fixture() {}

  static List<String> columns(Pipeline pipeline, ItemsSpec items) {
    return switch (pipeline) {
      case ITEMS -> items.columns;
      case LINES -> LINES_COLUMNS;
      case EVENTS -> EVENTS_COLUMNS;
    };
  }

  /**
   * Writes the project skeleton: the three pipelines (order_items at {@code items}) and the
   * environment.
   */
  static void writeProject(Path dir, ItemsSpec items, String environmentYaml) throws IOException {
    Files.createDirectories(dir.resolve("pipelines"));
    Files.createDirectories(dir.resolve("environments"));
    for (Pipeline p : Pipeline.values()) {
      Files.createDirectories(dir.resolve("data").resolve(p.name));
    }
    writeItemsSpec(dir, items);
    Files.writeString(dir.resolve("pipelines/order_lines.yaml"), LINES_SPEC);
    Files.writeString(dir.resolve("pipelines/events.yaml"), EVENTS_SPEC);
    Files.writeString(dir.resolve("environments/" + ENV + ".yaml"), environmentYaml);
  }

  static void writeItemsSpec(Path dir, ItemsSpec items) throws IOException {
    Files.writeString(dir.resolve("pipelines/order_items.yaml"), items.yaml);
  }

  /**
   * The environment: {@code duckdb} (a file in the project) or {@code postgres} (the URL from
   * {@link #PG_URL_VAR}, a template, so the load fingerprint is the same in every project), raw
   * files, and the file or the PostgreSQL state store.
   */
  static String environment(String warehouse, String state) {
    String wh =
        warehouse.equals("duckdb")
            ? "warehouse: {type: duckdb, path: warehouse.duckdb}\n"
            : "warehouse: {type: postgres, url: \"${" + PG_URL_VAR + "}\", user: postgres}\n";
    String st =
        state.equals("file")
            ? "state: {type: file, path: state}\n"
            : "state: {type: postgres, url: \"${"
                + PG_URL_VAR
                + "}\", user: postgres, schema: etlx_state}\n";
    return "description: fault campaign ("
        + warehouse
        + ", "
        + state
        + " state)\n"
        + wh
        + "schema: "
        + SCHEMA
        + "\nraw_store: {type: file, path: raw}\n"
        + st;
  }

  /**
   * Writes the source file of {@code pipeline} for {@code date} as of source version {@code
   * version}.
   */
  static void writeSource(Path dir, Pipeline pipeline, LocalDate date, int version)
      throws IOException {
    Path file = dir.resolve("data").resolve(pipeline.name).resolve(date + ".csv");
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temp, source(pipeline, DATES.indexOf(date), version), StandardCharsets.UTF_8);
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static String source(Pipeline pipeline, int day, int version) {
    StringBuilder out = new StringBuilder();
    String date = DATES.get(day).toString();
    switch (pipeline) {
      case ITEMS -> {
        // the same keys in every version (an upsert never deletes), other values in three rows of
        // four (every fourth row is the same in every version, so a reload stages only the others)
        out.append("order_item_id,order_id,item_name,amount,currency_code,ordered_at\n");
        for (int i = 1; i <= 12; i++) {
          int v = i % 4 == 0 ? 0 : version;
          long id = (day + 1) * 1000L + i;
          long order = (day + 1) * 100L + (i + 2) / 3;
          String name = NAMES[(i + 2 * v) % NAMES.length];
          int whole = (i * 37 + day * 11 + v * 53) % 2000;
          int cents = (i * 13 + v * 7 + day) % 100;
          int third = i % 3 == 0 ? 5 : (i + v) % 10; // x.xx5: half_up and half_even differ
          String amount = whole + "." + String.format(Locale.ROOT, "%02d%d", cents, third);
          String currency = CURRENCIES[(i + v + day) % CURRENCIES.length];
          String at =
              String.format(
                  Locale.ROOT,
                  "%s %02d:%02d:%02d",
                  date,
                  (i + v) % 24,
                  (i * 7 + v) % 60,
                  (i * 13) % 60);
          out.append(id)
              .append(',')
              .append(order)
              .append(",\"")
              .append(name.replace("\"", "\"\""))
              .append("\",")
              .append(amount)
              .append(',')
              .append(currency)
              .append(',')
              .append(at)
              .append('\n');
        }
      }
      case LINES -> {
        // the key set changes between versions: replace_partition drops the lines that went away
        out.append("line_id,qty,price\n");
        for (int j = 1; j <= 10; j++) {
          if ((j * 3 + version + day) % 5 == 0) {
            continue;
          }
          int qty = (j + version) % 9 + 1;
          int cents = j * 125 + version * 10 + day;
          out.append(j)
              .append(',')
              .append(qty)
              .append(',')
              .append(cents / 100)
              .append('.')
              .append(String.format(Locale.ROOT, "%02d", cents % 100))
              .append('\n');
        }
      }
      case EVENTS -> {
        out.append("event_id,kind,happened_at\n");
        for (int j = 1; j <= 6; j++) {
          out.append((day + 1) * 100 + j)
              .append(',')
              .append(KINDS[j % KINDS.length])
              .append(',')
              .append(String.format(Locale.ROOT, "%sT%02d:%02d:00Z", date, j * 3, j * 11 % 60))
              .append('\n');
        }
      }
      default -> throw new IllegalStateException();
    }
    return out.toString();
  }

  /** The contiguous runs of {@code dates} (sorted), as [first, last] pairs. */
  static List<LocalDate[]> segments(java.util.SortedSet<LocalDate> dates) {
    List<LocalDate[]> segments = new ArrayList<>();
    LocalDate start = null;
    LocalDate prev = null;
    for (LocalDate d : dates) {
      if (start == null) {
        start = d;
      } else if (!d.equals(prev.plusDays(1))) {
        segments.add(new LocalDate[] {start, prev});
        start = d;
      }
      prev = d;
    }
    if (start != null) {
      segments.add(new LocalDate[] {start, prev});
    }
    return segments;
  }
}
