package io.etlx.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private final DependencyGraph graph =
      DependencyGraph.of(
          Map.of(
              "report", List.of("orders", "rates"),
              "orders", List.of(),
              "rates", List.of(),
              "summary", List.of("report"),
              "other", List.of()));

  @Test
  void ordersUpstreamFirstWithTiesByName() {
    assertThat(graph.order()).containsExactly("orders", "other", "rates", "report", "summary");
    assertThat(graph.order(List.of("report"))).containsExactly("orders", "rates", "report");
  }

  @Test
  void anAcyclicGraphHasNoCycle() {
    assertThat(graph.cycle()).isEmpty();
  }

  @Test
  void findsTheCycleAsTheClosingPath() {
    DependencyGraph cyclic =
        DependencyGraph.of(
            Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"), "d", List.of("a")));
    assertThat(cyclic.cycle()).contains(List.of("a", "b", "c", "a"));
    assertThat(DependencyGraph.of(Map.of("self", List.of("self"))).cycle())
        .contains(List.of("self", "self"));
  }

  @Test
  void unknownNamesAreKeptButNotOrdered() {
    DependencyGraph partial = DependencyGraph.of(Map.of("a", List.of("missing")));
    assertThat(partial.upstreams("a")).containsExactly("missing");
    assertThat(partial.order()).containsExactly("a");
    assertThat(partial.cycle()).isEmpty();
  }
}
