package io.etlx.delta;

/** Open addressing over a power-of-two table at most half full. */
final class Slots {
  private Slots() {}

  static int capacity(int expected) {
    return Integer.highestOneBit(Math.max(2, expected) * 2 - 1) << 1;
  }

  static int first(long key, int mask) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
