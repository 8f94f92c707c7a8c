package io.etlx.spi;

import java.util.List;
import java.util.Map;

/**
 * What a rerun would change in the warehouse for one date: keys added, removed, changed (with a
 * sample of column-level before/after) and unchanged. A rerun is a no-op when nothing is added,
 * removed or changed.
 */
public record DiffResult(
    long added, long removed, long changed, long unchanged, List<Sample> samples) {
  public DiffResult {
    samples = List.copyOf(samples);
  }

  public boolean noOp() {
    return added == 0 && removed == 0 && changed == 0;
  }

  /**
   * One key: {@code kind} is added, removed or changed; {@code columns} maps a column to [before,
   * after].
   */
  public record Sample(String kind, Map<String, String> key, Map<String, List<String>> columns) {}
}
