package io.etlx.warehouse.redshift;

import io.etlx.aws.S3Clients;
import io.etlx.jdbc.JdbcEndpoint;
import io.etlx.jdbc.JdbcLogin;
import io.etlx.jdbc.JdbcWarehouse;
import io.etlx.spi.DatasetName;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.Templates;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code type: redshift}: rows staged as gzip CSV under an S3 prefix, {@code COPY} into a temporary
 * staging table, then delete + insert (or {@code MERGE}) by key, with the ledger, in one
 * transaction.
 */
public final class RedshiftPlugin implements WarehousePlugin {
  /** A cluster's endpoint: CLUSTER.UNIQUE-ID.REGION.redshift.amazonaws.com. */
  private static final Pattern CLUSTER_HOST =
      Pattern.compile("([^.]+)\\.[^.]+\\.([^.]+)\\.redshift\\.amazonaws\\.com");

  @Override
  public String type() {
    return "redshift";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/warehouse/redshift/options.schema.json";
  }

  @Override
  public WarehouseCapabilities capabilities() {
    return RedshiftSql.CAPABILITIES;
  }

  @Override
  public List<String> check(PluginOptions spec) {
    PluginOptions staging = spec.options("staging");
    List<String> problems = new ArrayList<>(S3Clients.check(staging));
    if (!spec.has("iam_role") && !staging.has("access_key_id")) {
      problems.add(
          "COPY needs credentials to read the staged files: set iam_role, or staging.access_key_id"
              + " and staging.secret_access_key");
    }
    return problems;
  }

  @Override
  public Warehouse open(PluginOptions spec, PluginContext context) {
    Templates interpolator = context.templates();
    PluginOptions staging = spec.options("staging");
    JdbcLogin login =
        JdbcLogin.of(spec, interpolator, RedshiftPlugin::url, "", Duration.ofSeconds(30));
    RedshiftSql dialect =
        new RedshiftSql(
            RedshiftSql.Strategy.valueOf(
                spec.string("merge", "delete_insert").toUpperCase(Locale.ROOT)));
    S3CopyLoader loader =
        new S3CopyLoader(
            S3Clients.create(staging, context),
            interpolator.resolve(staging.string("bucket", "")),
            interpolator.resolve(staging.string("prefix", "etlx-staging/")),
            credentials(spec, staging, interpolator));
    return new JdbcWarehouse(
        dialect,
        loader,
        login.pool("redshift", new Properties(), new com.amazon.redshift.jdbc.Driver()),
        login.shownUrl(),
        context.clock());
  }

  /**
   * OpenLineage's naming: {@code redshift://CLUSTER.REGION:port} for a cluster's endpoint (else
   * {@code redshift://host:port}) and {@code database.schema.table}.
   */
  @Override
  public DatasetName dataset(
      PluginOptions spec, PluginContext context, String schema, String table) {
    return JdbcEndpoint.of(spec, context.templates(), RedshiftPlugin::url, 5439)
        .map(e -> new DatasetName(namespace(e), e.name(schema, table)))
        .orElseGet(() -> WarehousePlugin.super.dataset(spec, context, schema, table));
  }

  private static String namespace(JdbcEndpoint endpoint) {
    Matcher cluster = CLUSTER_HOST.matcher(endpoint.host());
    String authority =
        cluster.matches() ? cluster.group(1) + "." + cluster.group(2) : endpoint.host();
    return "redshift://" + authority + ":" + endpoint.port();
  }

  private static String url(PluginOptions spec, UnaryOperator<String> resolve) {
    return "jdbc:redshift://"
        + resolve.apply(spec.string("host", ""))
        + ":"
        + resolve.apply(spec.string("port", "5439"))
        + "/"
        + resolve.apply(spec.string("database", "dev"));
  }

  static RedshiftCredentials credentials(
      PluginOptions spec, PluginOptions staging, Templates interpolator) {
    if (spec.has("iam_role")) {
      return RedshiftCredentials.role(interpolator.resolve(spec.string("iam_role", "")));
    }
    String secret = staging.string("secret_access_key", "");
    return new RedshiftCredentials(
        null,
        interpolator.resolve(staging.string("access_key_id", "")),
        interpolator.resolve(secret),
        interpolator.redact(secret));
  }
}
