package io.etlx.warehouse.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etlx.error.EtlxException;
import io.etlx.spi.ColumnType;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.QueryResult;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WriteMode;
import io.etlx.testkit.RowsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared upsert conformance suite (the behaviours listed in the resources' README): every
 * dialect that runs here loads the same batches through its real {@link Warehouse} and must end
 * with the same table, or the same named error.
 */
abstract class UpsertConformance {
  @TempDir Path dir;

  /** A warehouse of the dialect under test, empty, writing into {@link #schema()}. */
  abstract Warehouse open(Path dir) throws Exception;

  String schema() {
    return "conformance";
  }

  /**
   * The error a case must raise on this dialect (null: the table must match); see the README's
   * notes.
   */
  String expectedError(ConformanceCase c) {
    return c.expectedError();
  }

  static Stream<ConformanceCase> cases() throws IOException {
    return ConformanceCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void upsertGivesTheExpectedTableOrError(ConformanceCase c) throws Exception {
    String table = "t" + c.name().substring(0, 2);
    String expectedError = expectedError(c);
    Map<String, ColumnType> known = new HashMap<>();
    try (Warehouse warehouse = open(dir)) {
      int last = c.batches().size() - 1;
      for (int i = 0; i < c.batches().size(); i++) {
        LoadRequest request = request(c, c.batches().get(i), table, i, known);
        if (expectedError != null && i == last) {
          assertThatThrownBy(() -> warehouse.load(request))
              .isInstanceOfSatisfying(
                  EtlxException.class, e -> assertThat(e.code().name()).isEqualTo(expectedError));
          return;
        }
        if (expectedError != null) {
          try {
            warehouse.load(request);
          } catch (EtlxException e) {
            assertThat(e.code().name()).isEqualTo(expectedError);
            return; // the error may come at or before the batch holding the offending row
          }
          continue;
        }
        warehouse.load(request);
      }
      QueryResult result = warehouse.query("SELECT * FROM " + schema() + "." + table, 10_000);
      assertThat(asMaps(result.columns(), result.rows()))
          .containsExactlyInAnyOrderElementsOf(asMaps(c.expected().header(), c.expected().rows()));
      assertThat(result.columns()).containsExactlyInAnyOrderElementsOf(c.expected().header());
    }
  }

  /**
   * A reload may stage only its changed rows, and the warehouse does so only while its ledger shows
   * the table holds exactly the basis load. Each "changed rows" file below leaves out a change the
   * whole file makes, so the table tells which of the two was staged.
   */
  @Test
  void changedRowsAreStagedOnlyWhileTheTableHoldsTheirBasisLoad() throws Exception {
    TableSpec spec =
        new TableSpec(
            schema(),
            "tchanged",
            List.of(
                new TableSpec.Column("id", ColumnType.parse("bigint")),
                new TableSpec.Column("v", ColumnType.STRING)),
            List.of("id"),
            WriteMode.UPSERT,
            null,
            null);
    LocalDate day1 = LocalDate.of(2020, 12, 1);
    try (Warehouse warehouse = open(dir)) {
      Instant at = Instant.parse("2020-12-02T00:00:00Z");
      LedgerEntry first = entry(day1, at);
      warehouse.load(new LoadRequest(spec, rows("w1", "1,a", "2,b", "3,c"), first));

      // the basis is the date's load and the table's latest: only the changed rows are staged
      LedgerEntry second = entry(day1, at.plusSeconds(1));
      LoadResult changedOnly =
          warehouse.load(
              changed(spec, second, first, rows("w2", "1,a", "2,B", "3,c", "4,d"), "2,B", "4,d"));
      assertThat(changedOnly.rowsStaged()).isEqualTo(2);
      assertThat(changedOnly.rowsUnchanged()).isEqualTo(2);
      assertThat(table(warehouse)).containsExactly("1|a", "2|B", "3|c", "4|d");

      // another basis than the date's load: the whole file
      LoadResult otherBasis =
          warehouse.load(
              changed(
                  spec,
                  entry(day1, at.plusSeconds(2)),
                  first,
                  rows("w3", "1,x", "2,B", "3,c", "4,d"),
                  "4,d"));
      assertThat(otherBasis.rowsStaged()).isEqualTo(4);
      assertThat(otherBasis.rowsUnchanged()).isZero();
      assertThat(table(warehouse)).containsExactly("1|x", "2|B", "3|c", "4|d");

      // a later load of another date may have written the same keys: the whole file
      LedgerEntry third = warehouse.ledger(spec, "changed", day1).orElseThrow();
      warehouse.load(
          new LoadRequest(spec, rows("d2", "3,C"), entry(day1.plusDays(1), at.plusSeconds(3))));
      LoadResult afterLater =
          warehouse.load(
              changed(
                  spec,
                  entry(day1, at.plusSeconds(4)),
                  third,
                  rows("w4", "1,x", "2,B", "3,c", "4,e"),
                  "4,e"));
      assertThat(afterLater.rowsStaged()).isEqualTo(4);
      assertThat(table(warehouse)).containsExactly("1|x", "2|B", "3|c", "4|e");
    }
  }

  private LoadRequest changed(
      TableSpec spec, LedgerEntry entry, LedgerEntry basis, Path whole, String... changedRows)
      throws IOException {
    Path changed = rows("changed-" + entry.loadId(), changedRows);
    return new LoadRequest(
        spec,
        whole,
        entry,
        LoadRequest.CommitHooks.NONE,
        new LoadRequest.ChangedRows(changed, basis.loadId(), 2));
  }

  private static LedgerEntry entry(LocalDate date, Instant at) {
    return new LedgerEntry(
        "changed",
        "test",
        date,
        UUID.randomUUID().toString(),
        "raw",
        UUID.randomUUID().toString(),
        "spec",
        4,
        at,
        null);
  }

  private Path rows(String name, String... lines) {
    Path file = dir.resolve(name + ".csv.zst");
    RowsFiles.write(
        file, List.of("id", "v"), Stream.of(lines).map(line -> line.split(",", -1)).toList());
    return file;
  }

  private List<String> table(Warehouse warehouse) {
    QueryResult result =
        warehouse.query("SELECT id, v FROM " + schema() + ".tchanged ORDER BY id", 100);
    return result.rows().stream().map(row -> String.join("|", row)).toList();
  }

  private LoadRequest request(
      ConformanceCase c,
      ConformanceCase.Table batch,
      String table,
      int index,
      Map<String, ColumnType> known)
      throws IOException {
    List<TableSpec.Column> columns = new ArrayList<>();
    for (int col = 0; col < batch.header().size(); col++) {
      String name = batch.header().get(col);
      ColumnType type = infer(batch, col);
      type = type != null ? type : known.getOrDefault(name, ColumnType.STRING);
      known.put(name, type);
      columns.add(new TableSpec.Column(name, type));
    }
    TableSpec spec =
        new TableSpec(schema(), table, columns, c.key(), WriteMode.UPSERT, null, c.deleteMarker());
    Path rows = dir.resolve(table + "-batch" + index + ".csv.gz");
    write(batch, rows);
    LedgerEntry ledger =
        new LedgerEntry(
            c.name(),
            "test",
            LocalDate.of(2020, 12, 1).plusDays(index),
            UUID.randomUUID().toString(),
            "raw" + index,
            "rows" + index,
            "spec",
            batch.rows().size(),
            Instant.now(),
            null);
    return new LoadRequest(spec, rows, ledger);
  }

  /**
   * What a tool without declared types infers: all integers → bigint, all true/false → boolean,
   * else string; null when the batch has no value for the column (the type seen before is kept).
   */
  private static ColumnType infer(ConformanceCase.Table batch, int col) {
    boolean ints = true;
    boolean bools = true;
    boolean any = false;
    for (List<String> row : batch.rows()) {
      String v = row.get(col);
      if (v == null) {
        continue;
      }
      any = true;
      ints &= v.matches("-?\\d{1,18}");
      bools &= v.equals("true") || v.equals("false");
    }
    return !any ? null : ColumnType.parse(ints ? "bigint" : bools ? "boolean" : "string");
  }

  /** The rows file every dialect loads, written by the contract's own writer. */
  private static void write(ConformanceCase.Table batch, Path file) {
    RowsFiles.write(
        file,
        batch.header(),
        batch.rows().stream().map(row -> row.toArray(String[]::new)).toList());
  }

  private static List<Map<String, String>> asMaps(List<String> header, List<List<String>> rows) {
    List<Map<String, String>> maps = new ArrayList<>();
    for (List<String> row : rows) {
      Map<String, String> map = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        map.put(header.get(i), row.get(i) == null ? "" : row.get(i));
      }
      maps.add(map);
    }
    return maps;
  }
}
