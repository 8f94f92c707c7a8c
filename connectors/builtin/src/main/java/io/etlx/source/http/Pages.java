package io.etlx.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the next page of a paginated API is, from the page just read. */
final class Pages {
  /** One link of an RFC 8288 {@code Link} header: {@code <url>; rel="next"}. */
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^,;]+)*)");

  private Pages() {}

  /**
   * The next page's URL, or null after the last page.
   *
   * @param position the page number and the offset, advanced here
   * @param text reads the text at a JSON pointer of the page's body
   */
  static URI next(
      Paging paging,
      URI current,
      HttpSource.Answer page,
      long[] position,
      BiFunction<Path, String, String> text) {
    return switch (paging.kind()) {
      case NEXT_URL -> resolve(current, text.apply(page.body(), paging.nextUrl()));
      case LINK_HEADER -> resolve(current, nextLink(page.headers().allValues("Link")).orElse(null));
      case PAGE -> {
        if (page.records() == 0) {
          yield null; // the page after the last one is empty
        }
        position[0]++;
        yield withQuery(current, Map.of(paging.pageParam(), Long.toString(position[0])));
      }
      case OFFSET -> {
        if (page.records() == 0) {
          // only an empty page ends: one with fewer records than asked may be the server's own
          // cap on a page, and stopping there would silently drop the rest of the day
          yield null;
        }
        position[1] += page.records();
        yield withQuery(current, Map.of(paging.offsetParam(), Long.toString(position[1])));
      }
      case CURSOR -> {
        String token = text.apply(page.body(), paging.cursor());
        yield token == null || token.isEmpty()
            ? null
            : withQuery(current, Map.of(paging.cursorParam(), token));
      }
    };
  }

  /** The rel="next" target of Link headers, if one has it. */
  static Optional<String> nextLink(List<String> headers) {
    for (String header : headers) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        for (String parameter : link.group(2).split(";")) {
          String[] pair = parameter.trim().split("=", 2);
          if (pair.length == 2
              && pair[0].trim().equalsIgnoreCase("rel")
              && List.of(pair[1].trim().replace("\"", "").toLowerCase().split("\\s+"))
                  .contains("next")) {
            return Optional.of(link.group(1));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A next link as the server wrote it, absolute or relative to the page it came from. */
  private static URI resolve(URI current, String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    return current.resolve(link.trim());
  }

  /** {@code uri} with these query parameters set (added, or replacing the same names). */
  static URI withQuery(URI uri, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return uri;
    }
    Map<String, String> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
      }
    }
    parameters.forEach((name, value) -> query.put(encode(name), encode(value)));
    List<String> pairs = new ArrayList<>();
    query.forEach((name, value) -> pairs.add(value == null ? name : name + "=" + value));
    String text = uri.toString();
    int cut = text.indexOf('?');
    int fragment = text.indexOf('#');
    String base =
        cut >= 0 ? text.substring(0, cut) : fragment >= 0 ? text.substring(0, fragment) : text;
    return URI.create(base + "?" + String.join("&", pairs));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
