package io.etlx.source.jdbc;

import static io.etlx.source.jdbc.JdbcSourceTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.validate.SecretOptions;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@link JdbcSourcePlugin#check} finds before any connection: messages start with the option
 * name.
 */
class JdbcSourceCheckTest {
  private final JdbcSourcePlugin plugin = new JdbcSourcePlugin();

  @Test
  void aParamCountThatDiffersFromThePlaceholdersIsRejected() {
    assertThat(
            plugin.check(
                spec(
                    "url: jdbc:postgresql://db/shop\n"
                        + "query: select * from orders where day = ? and region = ?\n"
                        + "params: [logical_date]")))
        .containsExactly(
            "params: the query has 2 ? placeholder(s) but params lists 1 value(s); give one value"
                + " per ?, in order: logical_date or a template such as \"${env.region}\"");
  }

  @Test
  void aLiteralPasswordIsRejected() {
    YamlMap options =
        (YamlMap)
            YamlReader.parse(
                "url: jdbc:postgresql://db/shop\npassword: hunter2\nquery: select 1", "t");
    assertThat(SecretOptions.check(plugin, options))
        .containsExactly(
            "password must come from the environment, e.g. password: ${PG_PASSWORD}; never write"
                + " a secret in a file");
  }

  @Test
  void aTemplateInTheQueryAndANonJdbcUrlAreRejected() {
    assertThat(
            plugin.check(
                spec(
                    "url: postgresql://db/shop\nquery: \"select * from t where day = '${date}'\"")))
        .containsExactly(
            "url: 'postgresql://db/shop' is not a JDBC URL; write e.g."
                + " jdbc:postgresql://host:5432/shop",
            "query: ${…} is not resolved in a query; write ? and bind the value with params, e.g."
                + " params: [logical_date]");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "select ? , ?                                       | 2",
        "select '?', \"a?\" from t where x = ?              | 1",
        "select 'it''s ?' where x = ?                       | 1",
        "select 1 -- why?\\nwhere x = ?                     | 1",
        "select /* ? */ 1 where x = ?                       | 1",
        "select $$ ? $$, $tag$ ? $tag$ where x = $1 or y = ? | 1",
        "select doc ?? 'key' from t where day = ?           | 1",
      })
  void placeholdersInLiteralsAndCommentsDoNotCount(String query, int expected) {
    assertThat(Placeholders.count(query.replace("\\n", "\n"))).isEqualTo(expected);
  }
}
