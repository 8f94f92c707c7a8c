package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.interpolate.Reference;
import io.etlx.interpolate.TemplateScanner;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.util.Map;
import java.util.Set;

/**
 * Checks every {@code ${…}} in a tree without resolving it: syntax, date patterns, overlay
 * variables that must exist, and the process variables the spec needs (collected, or required to be
 * set).
 */
final class ReferenceCheck {
  private final Problems problems;
  private final Map<String, String> overlayVars;
  private final String environmentFile;
  private final Map<String, String> processEnv;
  private final boolean requireEnv;
  private final Set<String> requiredVars;

  /**
   * @param overlayVars the environment's vars, or null when checking without an environment
   * @param requiredVars receives the names of process variables without a default
   */
  ReferenceCheck(
      Problems problems,
      Map<String, String> overlayVars,
      String environmentFile,
      Map<String, String> processEnv,
      boolean requireEnv,
      Set<String> requiredVars) {
    this.problems = problems;
    this.overlayVars = overlayVars;
    this.environmentFile = environmentFile;
    this.processEnv = processEnv;
    this.requireEnv = requireEnv;
    this.requiredVars = requiredVars;
  }

  void check(YamlNode node) {
    if (node instanceof YamlMap map) {
      map.entries().values().forEach(this::check);
    } else if (node instanceof YamlList list) {
      list.items().forEach(this::check);
    } else if (((YamlScalar) node).value() instanceof String text) {
      scalar((YamlScalar) node, text);
    }
  }

  private void scalar(YamlScalar node, String text) {
    var references =
        TemplateScanner.scan(text, (code, message) -> problems.add(code, node.origin(), message));
    for (Reference reference : references) {
      if (reference instanceof Reference.OverlayVar var) {
        overlayVar(node, var);
      } else if (reference instanceof Reference.ProcessVar var && var.required()) {
        requiredVars.add(var.name());
        if (requireEnv && processEnv.get(var.name()) == null) {
          problems.add(
              ErrorCode.MISSING_ENV_VAR,
              node.origin(),
              "environment variable "
                  + var.name()
                  + " is not set (export it, or give a default: ${"
                  + var.name()
                  + ":-value})");
        }
      }
    }
  }

  private void overlayVar(YamlScalar node, Reference.OverlayVar var) {
    if (overlayVars == null || overlayVars.containsKey(var.name())) {
      return;
    }
    problems.add(
        ErrorCode.UNKNOWN_VARIABLE,
        node.origin(),
        "'"
            + var.written()
            + "' is not defined under vars: in "
            + environmentFile
            + Suggest.didYouMean(var.name(), overlayVars.keySet()));
  }
}
