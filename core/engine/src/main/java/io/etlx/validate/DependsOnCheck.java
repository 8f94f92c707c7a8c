package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.graph.DependencyGraph;
import io.etlx.yaml.YamlList;
import io.etlx.yaml.YamlMap;
import io.etlx.yaml.YamlNode;
import io.etlx.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code depends_on} across the project: every name is a pipeline under {@code pipelines/}, and no
 * pipeline waits, directly or through others, for itself.
 */
final class DependsOnCheck {
  private DependsOnCheck() {}

  /** The names a pipeline's {@code depends_on} lists (text items only; the schema checks types). */
  static List<String> names(YamlMap pipeline) {
    YamlNode node = pipeline.get("depends_on");
    if (!(node instanceof YamlList list)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (YamlNode item : list.items()) {
      if (item instanceof YamlScalar scalar && scalar.value() instanceof String text) {
        names.add(text);
      }
    }
    return names;
  }

  /**
   * Reports, for the pipelines in {@code checked} (name → its YAML), unknown names and a cycle
   * through one of them.
   */
  static void check(
      java.util.Map<String, YamlMap> checked, DependencyGraph graph, Problems problems) {
    List<String> known = List.copyOf(graph.names());
    checked.forEach(
        (name, tree) -> {
          if (!(tree.get("depends_on") instanceof YamlList list)) {
            return;
          }
          for (YamlNode item : list.items()) {
            if (item instanceof YamlScalar scalar
                && scalar.value() instanceof String upstream
                && !graph.contains(upstream)) {
              problems.add(
                  ErrorCode.UNKNOWN_PIPELINE,
                  scalar.origin(),
                  "depends on pipeline '"
                      + upstream
                      + "', which is not under "
                      + Workspace.PIPELINES
                      + "/"
                      + Suggest.didYouMean(
                          upstream, known.stream().filter(n -> !n.equals(name)).toList()));
            }
          }
        });
    Optional<List<String>> cycle = graph.cycle();
    if (cycle.isEmpty()) {
      return;
    }
    List<String> path = cycle.get();
    Set<String> inCycle = Set.copyOf(path);
    // reported once, at the first checked pipeline of the cycle, on the item that closes it
    for (int i = 0; i < path.size() - 1; i++) {
      YamlMap tree = checked.get(path.get(i));
      if (tree != null && inCycle.contains(path.get(i))) {
        problems.add(
            ErrorCode.DEPENDENCY_CYCLE,
            itemOrigin(tree, path.get(i + 1)),
            "depends_on forms a cycle: "
                + String.join(" → ", path)
                + "; a pipeline cannot wait, directly or through others, for itself: remove one of"
                + " these dependencies");
        return;
      }
    }
  }

  private static io.etlx.yaml.Origin itemOrigin(YamlMap tree, String upstream) {
    YamlList list = (YamlList) tree.get("depends_on");
    for (YamlNode item : list.items()) {
      if (item instanceof YamlScalar scalar && upstream.equals(scalar.value())) {
        return scalar.origin();
      }
    }
    return list.origin();
  }
}
