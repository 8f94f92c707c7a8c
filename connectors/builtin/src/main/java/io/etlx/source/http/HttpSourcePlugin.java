package io.etlx.source.http;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.source.format.FileFormat;
import io.etlx.source.format.FileSource;
import io.etlx.source.format.JsonRecords;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.SecretMask;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import io.etlx.spi.Templates;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code type: http}: a JSON API fetched with a templated URL, query and headers. A {@code file:}
 * URL reads a JSON file instead (relative to the project), so that dev can run on shipped samples
 * offline.
 */
public final class HttpSourcePlugin implements SourcePlugin {
  private static final String FILE_SCHEME = "file:";

  @Override
  public String type() {
    return "http";
  }

  @Override
  public String optionsSchema() {
    return "/io/etlx/source/http/options.schema.json";
  }

  @Override
  public List<String> check(PluginOptions spec) {
    List<String> problems = new ArrayList<>();
    String problem = JsonRecords.pointerProblem(spec.string("records", ""));
    if (problem != null) {
      problems.add("records: " + problem);
    }
    problems.addAll(Paging.check(spec));
    problems.addAll(HttpIncremental.check(spec));
    if (spec.has("oauth2")
        && spec.strings("headers").keySet().stream()
            .anyMatch(h -> h.equalsIgnoreCase("authorization"))) {
      problems.add(
          "headers.Authorization: oauth2 sends the token as Authorization; remove one of them");
    }
    if (spec.has("paginate") && spec.string("url", "").startsWith(FILE_SCHEME)) {
      problems.add("paginate: a file: URL is one document; remove paginate");
    }
    return problems;
  }

  @Override
  public Source open(PluginOptions spec, PluginContext context) {
    List<String> problems = check(spec);
    if (!problems.isEmpty()) {
      throw new EtlxException(ErrorCode.INVALID_VALUE, "source." + problems.get(0));
    }
    String url = context.templates().resolve(spec.string("url", ""));
    return url.startsWith(FILE_SCHEME)
        ? openFile(spec, context, url)
        : openHttp(spec, context, url);
  }

  private static Source openFile(PluginOptions spec, PluginContext context, String url) {
    Templates interpolator = context.templates();
    String shown = withoutQuery(interpolator.redact(spec.string("url", "")));
    Path path = filePath(context.projectDir(), url, shown);
    return new FileSource(
        path,
        shown,
        interpolator.resolve("${date}"),
        FileFormat.JSON,
        spec.string("records", ""),
        ',',
        StandardCharsets.UTF_8);
  }

  private static Source openHttp(PluginOptions spec, PluginContext context, String url) {
    Templates interpolator = context.templates();
    String urlTemplate = spec.string("url", "");
    Map<String, String> query = spec.strings("query");
    Map<String, String> headers = spec.strings("headers");
    List<String> templates = new ArrayList<>(List.of(urlTemplate));
    templates.addAll(query.values());
    templates.addAll(headers.values());
    PluginOptions oauth = spec.has("oauth2") ? spec.options("oauth2") : null;
    if (oauth != null) {
      templates.add(oauth.string("client_id", ""));
      templates.add(oauth.string("client_secret", ""));
    }
    SecretMask mask = new SecretMask(interpolator, templates);

    String separator = url.contains("?") ? "&" : "?";
    String suffix = query.isEmpty() ? "" : separator;
    String target = url + suffix + queryString(query, interpolator, true);
    String shown =
        interpolator.redact(urlTemplate) + suffix + queryString(query, interpolator, false);
    Duration timeout = Duration.ofSeconds(spec.integer("timeout_seconds", 30));

    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(target, shown))
            .timeout(timeout)
            .GET()
            .header("Accept", "application/json");
    headers.forEach((name, value) -> setHeader(request, name, interpolator.resolve(value), mask));
    return new HttpSource(
        request.build(),
        "GET " + shown,
        List.copyOf(headers.keySet()),
        spec.string("records", ""),
        timeout,
        mask,
        context.workDir(),
        Paging.of(spec),
        new int[1],
        interval(spec),
        new long[1],
        oauth == null ? null : oauth(oauth, interpolator, timeout, mask, context),
        Duration.ofSeconds(spec.integer("total_timeout_seconds", 0)),
        HttpIncremental.of(spec));
  }

  private static OAuth2 oauth(
      PluginOptions o,
      Templates interpolator,
      Duration timeout,
      SecretMask mask,
      PluginContext context) {
    String template = o.string("token_url", "");
    String shown = interpolator.redact(template);
    return new OAuth2(
        uri(interpolator.resolve(template), shown),
        shown,
        interpolator.resolve(o.string("client_id", "")),
        interpolator.resolve(o.string("client_secret", "")),
        o.has("scope") ? interpolator.resolve(o.string("scope", "")) : null,
        timeout,
        mask,
        HttpSource.CLIENT,
        context.clock());
  }

  /**
   * The least time between two requests, from requests_per_second (none: as fast as it answers).
   */
  private static Duration interval(PluginOptions spec) {
    if (!spec.has("requests_per_second")) {
      return Duration.ZERO;
    }
    double rate = Double.parseDouble(spec.string("requests_per_second", "0"));
    return rate <= 0 ? Duration.ZERO : Duration.ofNanos((long) (1_000_000_000L / rate));
  }

  /**
   * Resolved and URL-encoded for the request, or redacted and left readable for messages and the
   * manifest, where {@code ${FX_APP_ID}} must stay recognisable.
   */
  private static String queryString(
      Map<String, String> query, Templates interpolator, boolean resolved) {
    List<String> pairs = new ArrayList<>();
    query.forEach(
        (name, template) ->
            pairs.add(
                resolved
                    ? encode(name) + "=" + encode(interpolator.resolve(template))
                    : name + "=" + interpolator.redact(template)));
    return String.join("&", pairs);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static URI uri(String target, String shown) {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      // the reason only: the exception's message repeats the URL, secrets included
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "source.url: '" + shown + "' is not a valid URL (" + e.getReason() + ")");
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "source.url: '" + shown + "' must start with http://, https:// or file:");
    }
    if (uri.getHost() == null) {
      // e.g. a host name with '_': the JDK would reject it later with the full URL in its message
      throw new EtlxException(
          ErrorCode.INVALID_VALUE, "source.url: '" + shown + "' has no valid host name");
    }
    return uri;
  }

  private static void setHeader(
      HttpRequest.Builder request, String name, String value, SecretMask mask) {
    try {
      request.setHeader(name, value);
    } catch (IllegalArgumentException e) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE,
          "source.headers." + name + ": cannot be sent (" + mask.apply(e.getMessage()) + ")");
    }
  }

  /**
   * {@code file:relative/x.json} is relative to the project; {@code file:/abs}, {@code file:///abs}
   * are not.
   */
  private static Path filePath(Path projectDir, String url, String shown) {
    String rest = withoutQuery(url.substring(FILE_SCHEME.length()));
    try {
      Path path = rest.startsWith("//") ? Path.of(URI.create(FILE_SCHEME + rest)) : Path.of(rest);
      return path.isAbsolute() ? path.normalize() : projectDir.resolve(path).normalize();
    } catch (RuntimeException e) {
      throw new EtlxException(
          ErrorCode.INVALID_VALUE, "source.url: '" + shown + "' is not a valid file: URL");
    }
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
