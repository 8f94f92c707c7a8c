package io.etlx.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which pipeline waits for which: each pipeline's {@code depends_on}, for one logical date. Names
 * an entry depends on but that are not nodes themselves are kept as given (validation reports
 * them); orders and cycles consider only the nodes.
 */
public final class DependencyGraph {
  private final Map<String, List<String>> upstreams;

  private DependencyGraph(Map<String, List<String>> upstreams) {
    this.upstreams = upstreams;
  }

  /** A graph of {@code pipeline → the pipelines it depends on}. */
  public static DependencyGraph of(Map<String, List<String>> dependsOn) {
    Map<String, List<String>> copy = new TreeMap<>();
    dependsOn.forEach((name, ups) -> copy.put(name, List.copyOf(ups)));
    return new DependencyGraph(copy);
  }

  /** Every pipeline, by name. */
  public Set<String> names() {
    return upstreams.keySet();
  }

  public boolean contains(String name) {
    return upstreams.containsKey(name);
  }

  /** The pipelines {@code name} depends on directly, as declared. */
  public List<String> upstreams(String name) {
    return upstreams.getOrDefault(name, List.of());
  }

  /**
   * A cycle, if there is one, as the path that closes it ({@code [a, b, a]}: a depends on b, which
   * depends on a); the first one found in name order.
   */
  public Optional<List<String>> cycle() {
    Set<String> done = new TreeSet<>();
    for (String start : upstreams.keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> found = visit(start, path, new LinkedHashSet<>(), done);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(
      String node, List<String> path, Set<String> onPath, Set<String> done) {
    if (onPath.contains(node)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return Optional.of(cycle);
    }
    if (done.contains(node) || !upstreams.containsKey(node)) {
      return Optional.empty();
    }
    path.add(node);
    onPath.add(node);
    for (String up : upstreams.get(node)) {
      Optional<List<String>> found = visit(up, path, onPath, done);
      if (found.isPresent()) {
        return found;
      }
    }
    onPath.remove(node);
    path.remove(path.size() - 1);
    done.add(node);
    return Optional.empty();
  }

  /** Fails with {@code DEPENDENCY_CYCLE}, printing the cycle, when there is one. */
  public void requireAcyclic() {
    cycle()
        .ifPresent(
            cycle -> {
              throw new io.etlx.error.EtlxException(
                  io.etlx.error.ErrorCode.DEPENDENCY_CYCLE,
                  "depends_on forms a cycle: "
                      + String.join(" → ", cycle)
                      + "; etlx validate shows where: remove one of these dependencies");
            });
  }

  /**
   * {@code names} and everything they depend on, upstream first: every pipeline comes after the
   * pipelines it depends on, ties in name order. The graph must have no cycle.
   */
  public List<String> order(Collection<String> names) {
    Set<String> wanted = new TreeSet<>();
    List<String> pending = new ArrayList<>(names);
    while (!pending.isEmpty()) {
      String next = pending.remove(pending.size() - 1);
      if (upstreams.containsKey(next) && wanted.add(next)) {
        pending.addAll(upstreams.get(next));
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < wanted.size()) {
      boolean progress = false;
      for (String name : wanted) {
        if (!placed.contains(name)
            && upstreams.get(name).stream().filter(wanted::contains).allMatch(placed::contains)) {
          placed.add(name);
          order.add(name);
          progress = true;
          break; // restart in name order, so ties always resolve the same way
        }
      }
      if (!progress) {
        throw new IllegalStateException("depends_on has a cycle: " + cycle().orElse(List.of()));
      }
    }
    return order;
  }

  /** Every pipeline, upstream first. */
  public List<String> order() {
    return order(upstreams.keySet());
  }
}
