package io.etlx.warehouse.sql;

import io.etlx.spec.PluginSpec;
import java.util.List;

/** Checks that a secret option is a reference to the environment, never the secret written in a file. */
public final class SecretOption {
  private SecretOption() {}

  /** A problem when {@code key} holds a literal value; {@code example} is the variable to suggest. */
  public static List<String> check(PluginSpec spec, String key, String example) {
    return check(spec, "", key, example);
  }

  /** The same for an option nested under {@code parent} (e.g. {@code "staging."}), named in full. */
  public static List<String> check(PluginSpec spec, String parent, String key, String example) {
    if (spec.has(key) && !spec.string(key, "").contains("${")) {
      return List.of(parent + key + " must come from the environment, e.g. " + key + ": ${" + example
          + "}; never write a secret in a file");
    }
    return List.of();
  }
}
