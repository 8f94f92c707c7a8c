package io.etlx.source.jdbc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the {@code ?} parameter markers of a query the way JDBC drivers see them: not inside
 * string literals, quoted identifiers, comments or PostgreSQL dollar-quoted bodies, and not {@code
 * ??}, which pgjdbc sends as a literal {@code ?} (the jsonb operator).
 */
final class Placeholders {
  private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");

  private Placeholders() {}

  static int count(String sql) {
    int count = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = closing(sql, i + 1, String.valueOf(c));
      } else if (sql.startsWith("--", i)) {
        i = closing(sql, i + 2, "\n");
      } else if (sql.startsWith("/*", i)) {
        i = closing(sql, i + 2, "*/");
      } else if (c == '$') {
        i = afterDollarQuote(sql, i);
      } else if (sql.startsWith("??", i)) {
        i += 2;
      } else {
        count += c == '?' ? 1 : 0;
        i++;
      }
    }
    return count;
  }

  /** The index after {@code end} (a doubled quote inside a literal just closes and reopens it). */
  private static int closing(String sql, int from, String end) {
    int at = sql.indexOf(end, from);
    return at < 0 ? sql.length() : at + end.length();
  }

  private static int afterDollarQuote(String sql, int start) {
    Matcher tag = DOLLAR_TAG.matcher(sql).region(start, sql.length());
    if (!tag.lookingAt()) {
      return start + 1; // $1 or a $ inside an identifier: no quote
    }
    return closing(sql, tag.end(), tag.group());
  }
}
