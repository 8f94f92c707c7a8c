package io.etlx;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.engine.PluginSetup;
import io.etlx.interpolate.Interpolator;
import io.etlx.rawstore.file.FileRawStorePlugin;
import io.etlx.rawstore.s3.S3RawStorePlugin;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.WarehousePlugin;
import io.etlx.warehouse.duckdb.DuckDbPlugin;
import io.etlx.warehouse.postgres.PostgresPlugin;
import io.etlx.warehouse.redshift.RedshiftPlugin;
import io.etlx.warehouse.snowflake.SnowflakePlugin;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How lineage names each shipped warehouse's tables and raw store's partitions: OpenLineage's
 * naming where it has one, variables resolved, and never a user, password or URL parameter.
 */
class DatasetNamesTest {
  private static final Path PROJECT = Path.of("/srv/project");
  private static final Map<String, String> ENV =
      Map.of(
          "PGHOST", "db.example.com",
          "PGPASSWORD", "pg-s3cret",
          "REDSHIFT_HOST", "analytics.c1a2b3.eu-west-1.redshift.amazonaws.com",
          "ETLX_BUCKET", "acme-data");
  private static final PluginSetup CONTEXT =
      PluginSetup.of(PROJECT, Interpolator.withoutDate(Map.of(), ENV));

  private static DatasetName table(WarehousePlugin plugin, Map<String, ?> options) {
    return plugin.dataset(
        new PluginOptions(plugin.type(), options), CONTEXT, "raw", "exchange_rates");
  }

  @Test
  void duckDbNamesTheFileAndSchemaTable() {
    assertThat(table(new DuckDbPlugin(), Map.of("path", ".etlx/dev.duckdb")))
        .isEqualTo(new DatasetName("duckdb:///srv/project/.etlx/dev.duckdb", "raw.exchange_rates"));
  }

  @Test
  void postgresIsHostPortAndDatabaseSchemaTableWithoutLoginOrParameters() {
    assertThat(
            table(
                new PostgresPlugin(),
                Map.of(
                    "host", "${PGHOST}",
                    "database", "analytics",
                    "user", "etl",
                    "password", "${PGPASSWORD}")))
        .isEqualTo(
            new DatasetName("postgres://db.example.com:5432", "analytics.raw.exchange_rates"));
    DatasetName fromUrl =
        table(
            new PostgresPlugin(),
            Map.of(
                "url",
                "jdbc:postgresql://etl:${PGPASSWORD}@db.example.com:6432/analytics?"
                    + "password=${PGPASSWORD}&ssl=true"));
    assertThat(fromUrl)
        .isEqualTo(
            new DatasetName("postgres://db.example.com:6432", "analytics.raw.exchange_rates"));
  }

  @Test
  void aUrlWithSeveralHostsFallsBackToTheType() {
    assertThat(
            table(
                new PostgresPlugin(),
                Map.of("url", "jdbc:postgresql://a.example.com:5432,b.example.com:5432/db")))
        .isEqualTo(new DatasetName("postgres", "raw.exchange_rates"));
  }

  @Test
  void redshiftIsClusterAndRegion() {
    assertThat(
            table(
                new RedshiftPlugin(),
                Map.of("host", "${REDSHIFT_HOST}", "port", "5439", "database", "analytics")))
        .isEqualTo(
            new DatasetName("redshift://analytics.eu-west-1:5439", "analytics.raw.exchange_rates"));
    assertThat(table(new RedshiftPlugin(), Map.of("host", "10.0.0.7", "database", "dev")))
        .isEqualTo(new DatasetName("redshift://10.0.0.7:5439", "dev.raw.exchange_rates"));
  }

  @Test
  void snowflakeIsTheAccount() {
    assertThat(
            table(
                new SnowflakePlugin(),
                Map.of("account", "myorg-myaccount", "database", "ANALYTICS", "user", "etl")))
        .isEqualTo(new DatasetName("snowflake://myorg-myaccount", "ANALYTICS.raw.exchange_rates"));
  }

  @Test
  void rawPartitionsAreThePipelineAndDateInTheStoresLocation() {
    PartitionKey partition = new PartitionKey("exchange_rates", LocalDate.parse("2020-12-01"));
    assertThat(
            new FileRawStorePlugin()
                .dataset(
                    new PluginOptions("file", Map.of("path", ".etlx/raw")), CONTEXT, partition))
        .isEqualTo(new DatasetName("file:///srv/project/.etlx/raw", "exchange_rates/2020-12-01"));
    assertThat(
            new S3RawStorePlugin()
                .dataset(
                    new PluginOptions(
                        "s3",
                        Map.of(
                            "bucket",
                            "${ETLX_BUCKET}",
                            "prefix",
                            "raw/",
                            "endpoint",
                            "http://127.0.0.1:9000",
                            "secret_access_key",
                            "${AWS_SECRET_ACCESS_KEY}")),
                    CONTEXT,
                    partition))
        .isEqualTo(new DatasetName("s3://acme-data/raw", "exchange_rates/2020-12-01"));
  }
}
