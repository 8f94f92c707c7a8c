package io.etlx.source.http;

import io.etlx.spi.PluginOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an API hands out the rest of a day's records ({@code paginate:}), one of: the next page's URL
 * in the body ({@code next_url: /links/next}) or in the {@code Link} header ({@code link_header:
 * true}); a page number ({@code page_param}, from {@code first_page}) until a page has no records;
 * an offset ({@code offset_param} and {@code limit_param} by {@code page_size}), advanced by the
 * records each page had, until a page has none (a server may cap a page below the size asked); a
 * cursor token from the body ({@code cursor: /meta/next}) sent back as {@code cursor_param} until
 * there is none. {@code max_pages} (default 1000) stops a server that never ends.
 */
record Paging(
    Kind kind,
    String nextUrl,
    String pageParam,
    long firstPage,
    String offsetParam,
    String limitParam,
    long pageSize,
    String cursorParam,
    String cursor,
    int maxPages) {
  enum Kind {
    NEXT_URL,
    LINK_HEADER,
    PAGE,
    OFFSET,
    CURSOR
  }

  static final int DEFAULT_MAX_PAGES = 1000;

  /** The paging of {@code source.paginate}, or null when the source is one request. */
  static Paging of(PluginOptions spec) {
    if (!spec.has("paginate")) {
      return null;
    }
    PluginOptions p = spec.options("paginate");
    int max = (int) p.integer("max_pages", DEFAULT_MAX_PAGES);
    Kind kind = kinds(p).get(0);
    return new Paging(
        kind,
        p.string("next_url", null),
        p.string("page_param", null),
        p.integer("first_page", 1),
        p.string("offset_param", null),
        p.string("limit_param", null),
        p.integer("page_size", 100),
        p.string("cursor_param", null),
        p.string("cursor", null),
        max);
  }

  /** Problems the schema cannot express; each names its option. */
  static List<String> check(PluginOptions spec) {
    if (!spec.has("paginate")) {
      return List.of();
    }
    PluginOptions p = spec.options("paginate");
    List<String> problems = new ArrayList<>();
    List<Kind> kinds = kinds(p);
    if (kinds.size() != 1) {
      problems.add(
          "paginate: say one way to find the next page: next_url, link_header: true, page_param,"
              + " offset_param (with page_size) or cursor_param (with cursor)");
    }
    if (p.has("cursor_param") != p.has("cursor")) {
      problems.add(
          "paginate: cursor_param and cursor go together (where the token is, and how to"
              + " send it back)");
    }
    if (p.has("limit_param") && !p.has("offset_param")) {
      problems.add("paginate.limit_param: only applies with offset_param");
    }
    return problems;
  }

  private static List<Kind> kinds(PluginOptions p) {
    List<Kind> kinds = new ArrayList<>();
    if (p.has("next_url")) {
      kinds.add(Kind.NEXT_URL);
    }
    if (p.bool("link_header", false)) {
      kinds.add(Kind.LINK_HEADER);
    }
    if (p.has("page_param")) {
      kinds.add(Kind.PAGE);
    }
    if (p.has("offset_param")) {
      kinds.add(Kind.OFFSET);
    }
    if (p.has("cursor_param") || p.has("cursor")) {
      kinds.add(Kind.CURSOR);
    }
    if (kinds.isEmpty()) {
      kinds.add(Kind.NEXT_URL);
    }
    return kinds;
  }

  /** The query parameters of the first request (page 1, offset 0), none for the other kinds. */
  Map<String, String> firstQuery() {
    return switch (kind) {
      case PAGE -> Map.of(pageParam, Long.toString(firstPage));
      case OFFSET -> {
        Map<String, String> query = new java.util.LinkedHashMap<>(); // offset first, then limit
        query.put(offsetParam, "0");
        if (limitParam != null) {
          query.put(limitParam, Long.toString(pageSize));
        }
        yield query;
      }
      default -> Map.of();
    };
  }
}
