package io.etlx.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.etlx.error.EtlxException;
import io.etlx.jdbc.BoundSql;
import io.etlx.jdbc.Catalog;
import io.etlx.jdbc.CatalogColumn;
import io.etlx.jdbc.CheckSql;
import io.etlx.jdbc.Ledger;
import io.etlx.jdbc.Rejects;
import io.etlx.jdbc.SqlDialect;
import io.etlx.jdbc.StageLoader;
import io.etlx.jdbc.TablePlanner;
import io.etlx.spi.ColumnType;
import io.etlx.spi.DataCheck;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.RowsFile;
import io.etlx.spi.TableSpec;
import io.etlx.spi.UpgradeRule;
import io.etlx.spi.WriteMode;
import io.etlx.warehouse.duckdb.DuckDbCsvLoader;
import io.etlx.warehouse.duckdb.DuckDbSql;
import io.etlx.warehouse.postgres.PostgresCopyLoader;
import io.etlx.warehouse.postgres.PostgresSql;
import io.etlx.warehouse.redshift.RedshiftCredentials;
import io.etlx.warehouse.redshift.RedshiftSql;
import io.etlx.warehouse.redshift.S3CopyLoader;
import io.etlx.warehouse.snowflake.SnowflakePutLoader;
import io.etlx.warehouse.snowflake.SnowflakeSql;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SQL each dialect generates for every write mode (with a set of data checks), as golden files
 * under {@code src/test/resources/golden/DIALECT/MODE.sql}, so a change to generated SQL shows in
 * review. Every statement JSqlParser understands must parse; the vendor bulk-load commands it
 * cannot parse (Redshift {@code COPY … FROM 's3://…'}, Snowflake {@code PUT}/{@code COPY
 * INTO @stage}, DuckDB {@code read_csv}) are checked as text. Regenerate with {@code
 * -Dgolden.update=true}.
 */
class GoldenSqlTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final LocalDate DATE = LocalDate.of(2020, 12, 1);

  record Dialect(String name, SqlDialect sql, StageLoader loader) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    S3Client s3 =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .build();
    DuckDbSql duck = new DuckDbSql();
    List<Dialect> dialects =
        List.of(
            new Dialect("duckdb", duck, new DuckDbCsvLoader(duck)),
            new Dialect("postgres", new PostgresSql(), new PostgresCopyLoader()),
            new Dialect(
                "redshift",
                new RedshiftSql(RedshiftSql.Strategy.DELETE_INSERT),
                new S3CopyLoader(
                    s3,
                    "etlx-staging-bucket",
                    "etlx-staging/",
                    RedshiftCredentials.role("arn:aws:iam::123456789012:role/etlx-copy"))),
            new Dialect(
                "redshift-merge",
                new RedshiftSql(RedshiftSql.Strategy.MERGE),
                new S3CopyLoader(
                    s3,
                    "etlx-staging-bucket",
                    "etlx-staging/",
                    new RedshiftCredentials(
                        null, "AKIAEXAMPLE", "s3cr3t", "${AWS_SECRET_ACCESS_KEY}"))),
            new Dialect("snowflake", new SnowflakeSql(), new SnowflakePutLoader()));
    List<Arguments> cases = new ArrayList<>();
    for (Dialect d : dialects) {
      for (String mode : List.of("upsert", "upsert-delete-marker", "replace_partition", "append")) {
        cases.add(Arguments.of(d, mode));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void generatedSqlMatchesTheGoldenFile(Dialect dialect, String mode) throws Exception {
    TableSpec table = table(mode);
    LoadRequest request =
        new LoadRequest(
            table,
            Path.of("/tmp/etlx/" + RowsFile.NAME),
            new LedgerEntry(
                "exchange_rates",
                "prod",
                DATE,
                "load-1",
                "raw",
                "rows",
                "fp",
                5,
                Instant.EPOCH,
                null));
    List<String> parsed = new ArrayList<>();
    StringBuilder script = new StringBuilder();
    section(
        script,
        "DDL for a new table",
        sql(
            TablePlanner.plan(dialect.sql(), table, Catalog.Snapshot.empty(), Instant.EPOCH)
                .statements()),
        parsed);
    script.append(
        "-- DDL for a version-1 table (exchange_rate_usd, no base_currency_code) under this"
            + " version-2 spec\n");
    script.append(upgrade(dialect, table, parsed)).append("\n");
    script.append("-- DDL when exchange_rate exists as a narrower DECIMAL(12,2)\n");
    script.append(widening(dialect, table, parsed)).append("\n");
    section(
        script,
        "staging (before the transaction)",
        dialect.sql().createStaging(table, "_etlx_staging"),
        parsed);
    script
        .append("-- bulk load into staging (in the transaction)\n")
        .append(dialect.loader().describe("_etlx_staging", request))
        .append(";\n\n");
    script.append(checks(dialect, table, request.ledger(), parsed));
    List<String> merge = new ArrayList<>();
    for (BoundSql s : dialect.sql().merge(table, "_etlx_staging", DATE)) {
      merge.add(
          s.sql()
              + (s.params().isEmpty() ? "" : ";\n--   bound: " + s.params()).replaceAll(";$", ""));
      parsed.add(s.sql());
    }
    section(script, "merge (in the transaction)", merge, new ArrayList<>());
    section(
        script,
        "ledger (in the transaction)",
        List.of(Ledger.replaceSql(table.schema()), Ledger.insertSql(table.schema())),
        parsed);
    section(
        script,
        "rebuild: the swap, after the rebuilt table got the old one's grants (a rebuild's own"
            + " transaction)",
        dialect.sql().swap(table.schema(), table.table(), table.table() + "__etlx_rebuild"),
        parsed);

    section(
        script,
        "a SQL model's read: its default schema, in the read's own transaction (none: set on the"
            + " read-only connection)",
        dialect.sql().useSchema(table.schema()),
        new ArrayList<>());

    Path golden = GOLDEN.resolve(dialect.name()).resolve(mode + ".sql");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, script.toString());
    }
    assertThat(script.toString()).isEqualTo(Files.readString(golden));
    for (String sql : parsed) {
      if (!sql.startsWith("CREATE TEMPORARY STAGE") && !sql.startsWith("--")) {
        assertThatCode(() -> CCJSqlParserUtil.parse(sql)).as(sql).doesNotThrowAnyException();
      }
    }
    assertThat(script.toString()).doesNotContain("s3cr3t");
  }

  /**
   * The declared data checks: per row check the query that counts and samples failing rows, the
   * baseline of row_count_change, and quarantine's statements.
   */
  private static String checks(
      Dialect dialect, TableSpec table, LedgerEntry load, List<String> parsed) {
    StringBuilder script = new StringBuilder();
    script.append("-- data checks (in the transaction, before the merge)\n");
    List<DataCheck.RowCheck> quarantined = new ArrayList<>();
    for (DataCheck check : table.checks()) {
      if (check instanceof DataCheck.RowCheck row) {
        script.append("-- ").append(row.name()).append(" on ").append(row.column());
        script.append(" (").append(row.severity().yamlName()).append(")\n");
        script.append(bound(CheckSql.sample(dialect.sql(), table, row, "_etlx_staging"), parsed));
        if (row.severity() == DataCheck.Severity.QUARANTINE) {
          quarantined.add(row);
        }
      } else if (check instanceof DataCheck.RowCountChange) {
        script.append("-- row_count_change: the row count of the previous date\n");
        script.append(bound(CheckSql.previousLoad(table, load), parsed));
      }
    }
    script.append("\n-- quarantine: the earlier rejects of the date, then the rows set aside\n");
    script.append(
        bound(
            Rejects.replace(table.schema(), table.table(), load.pipeline(), load.date()), parsed));
    for (DataCheck.RowCheck row : quarantined) {
      script.append(
          bound(
              CheckSql.reject(dialect.sql(), table, row, "_etlx_staging", load, Instant.EPOCH),
              parsed));
    }
    script.append(
        bound(CheckSql.discard(dialect.sql(), table, quarantined, "_etlx_staging"), parsed));
    return script.append("\n").toString();
  }

  private static String bound(BoundSql statement, List<String> parsed) {
    parsed.add(statement.sql());
    return statement.sql()
        + (statement.params().isEmpty() ? "" : "\n--   bound: " + statement.params())
        + ";\n";
  }

  /**
   * information_schema's data_type for text, date and decimal columns, as each warehouse reports
   * them.
   */
  private static final Map<String, List<String>> CATALOG_TYPES =
      Map.of(
          "duckdb", List.of("VARCHAR", "DATE", "DECIMAL(12,2)"),
          "postgres", List.of("text", "date", "numeric"),
          "redshift", List.of("character varying", "date", "numeric"),
          "redshift-merge", List.of("character varying", "date", "numeric"),
          "snowflake", List.of("TEXT", "DATE", "NUMBER"));

  private static String widening(Dialect dialect, TableSpec table, List<String> parsed) {
    List<String> types = CATALOG_TYPES.get(dialect.name());
    Map<String, CatalogColumn> existing =
        Map.of(
            "date", new CatalogColumn("date", types.get(1), null, null),
            "currency_code", new CatalogColumn("currency_code", types.get(0), null, null),
            "exchange_rate", new CatalogColumn("exchange_rate", types.get(2), 12, 2),
            "base_currency_code", new CatalogColumn("base_currency_code", types.get(0), null, null),
            "deleted",
                new CatalogColumn(
                    "deleted", dialect.sql().type(ColumnType.parse("boolean")), null, null));
    try {
      List<String> changes =
          sql(
              TablePlanner.plan(
                      dialect.sql(), table, Catalog.Snapshot.of(existing, 2), Instant.EPOCH)
                  .changes());
      parsed.addAll(changes);
      return changes.isEmpty() ? "-- (nothing to change)\n" : String.join(";\n", changes) + ";\n";
    } catch (EtlxException e) {
      return "-- refused: " + e.getMessage() + "\n";
    }
  }

  private static String upgrade(Dialect dialect, TableSpec table, List<String> parsed) {
    List<String> types = CATALOG_TYPES.get(dialect.name());
    Map<String, CatalogColumn> v1 = new java.util.LinkedHashMap<>();
    v1.put("date", new CatalogColumn("date", types.get(1), null, null));
    v1.put("currency_code", new CatalogColumn("currency_code", types.get(0), null, null));
    v1.put("exchange_rate_usd", new CatalogColumn("exchange_rate_usd", types.get(2), 18, 6));
    if (table.deleteMarker() != null) {
      v1.put(
          "deleted",
          new CatalogColumn(
              "deleted", dialect.sql().type(ColumnType.parse("boolean")), null, null));
    }
    try {
      List<String> changes = new ArrayList<>();
      for (BoundSql s :
          TablePlanner.plan(dialect.sql(), table, Catalog.Snapshot.of(v1, null), Instant.EPOCH)
              .changes()) {
        changes.add(
            s.sql()
                + (s.params().isEmpty()
                    ? ""
                    : ";\n--   bound: " + s.params().subList(0, Math.min(2, s.params().size()))));
        parsed.add(s.sql());
      }
      return String.join(";\n", changes).replace(";\n--   bound", "\n--   bound") + ";\n";
    } catch (EtlxException e) {
      return "-- refused: " + e.getMessage() + "\n";
    }
  }

  private static List<String> sql(List<BoundSql> statements) {
    return statements.stream().map(BoundSql::sql).toList();
  }

  private static void section(
      StringBuilder script, String title, List<String> statements, List<String> parsed) {
    script.append("-- ").append(title).append("\n");
    statements.forEach(s -> script.append(s).append(";\n"));
    script.append("\n");
    parsed.addAll(statements);
  }

  private static TableSpec table(String mode) {
    List<TableSpec.Column> columns =
        new ArrayList<>(
            List.of(
                new TableSpec.Column("date", ColumnType.DATE),
                new TableSpec.Column("currency_code", ColumnType.STRING),
                new TableSpec.Column("exchange_rate", ColumnType.parse("decimal(18,6)")),
                new TableSpec.Column("base_currency_code", ColumnType.STRING)));
    String marker = null;
    if (mode.equals("upsert-delete-marker")) {
      columns.add(new TableSpec.Column("deleted", ColumnType.parse("boolean")));
      marker = "deleted";
    }
    WriteMode writeMode = mode.startsWith("upsert") ? WriteMode.UPSERT : WriteMode.fromYaml(mode);
    UpgradeRule v1 =
        new UpgradeRule(
            1,
            Map.of("exchange_rate_usd", "exchange_rate"),
            Map.of("base_currency_code", "USD"),
            Map.of(),
            Map.of(),
            List.of());
    List<DataCheck> checks =
        List.of(
            new DataCheck.NotNull("exchange_rate", DataCheck.Severity.ERROR),
            new DataCheck.Min("exchange_rate", "0.000000", DataCheck.Severity.QUARANTINE),
            new DataCheck.Max("exchange_rate", "1000000.000000", DataCheck.Severity.WARN),
            new DataCheck.Min("date", "2000-01-01", DataCheck.Severity.ERROR),
            new DataCheck.Matches("currency_code", "^[A-Z]{3}$", DataCheck.Severity.QUARANTINE),
            new DataCheck.AcceptedValues(
                "base_currency_code", List.of("USD", "EUR"), DataCheck.Severity.WARN),
            new DataCheck.Unique("exchange_rate", DataCheck.Severity.WARN),
            new DataCheck.MinRows(1, DataCheck.Severity.ERROR),
            new DataCheck.RowCountChange(new BigDecimal("50"), DataCheck.Severity.WARN));
    return new TableSpec(
        "raw",
        "historical_exchange_rates",
        columns,
        List.of("date", "currency_code"),
        writeMode,
        writeMode == WriteMode.REPLACE_PARTITION ? "date" : null,
        marker,
        2,
        List.of(v1),
        checks);
  }
}
