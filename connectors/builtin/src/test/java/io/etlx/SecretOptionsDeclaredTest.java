package io.etlx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.spi.Plugin;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.validate.SchemaCheck;
import io.etlx.validate.SecretOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Secrets are declared once, in each plug-in's options schema ({@code "writeOnly": true}), and etlx
 * enforces the one rule for all of them: this checks that no built-in plug-in forgot to declare
 * one.
 */
class SecretOptionsDeclaredTest {
  private static final Pattern SECRET_NAME = Pattern.compile("password|secret.*|.*_token|token");

  @Test
  void everyOptionNamedLikeASecretIsDeclaredAsOne() {
    PluginRegistry registry = PluginRegistry.load();
    List<String> undeclared = new ArrayList<>();
    int secrets = 0;
    for (PluginKind kind : PluginKind.values()) {
      for (String type : registry.types(kind)) {
        Plugin plugin = registry.find(kind, type);
        List<String> declared = SecretOptions.secretOptions(plugin);
        secrets += declared.size();
        for (String option : optionNames(plugin)) {
          String name = option.substring(option.lastIndexOf('.') + 1);
          if (SECRET_NAME.matcher(name).matches() && !declared.contains(option)) {
            undeclared.add(kind.yamlName() + " " + type + ": " + option);
          }
        }
      }
    }
    assertThat(undeclared).isEmpty();
    assertThat(secrets).isGreaterThanOrEqualTo(7);
  }

  @SuppressWarnings("unchecked")
  private static List<String> optionNames(Plugin plugin) {
    List<String> names = new ArrayList<>();
    try {
      collect(
          new ObjectMapper()
              .readValue(SchemaCheck.text(plugin.getClass(), plugin.optionsSchema()), Map.class),
          "",
          names);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Map<String, Object> schema, String prefix, List<String> names) {
    Object properties = schema.get("properties");
    if (properties instanceof Map<?, ?> map) {
      map.forEach(
          (name, value) -> {
            names.add(prefix + name);
            collect((Map<String, Object>) value, prefix + name + ".", names);
          });
    }
  }
}
