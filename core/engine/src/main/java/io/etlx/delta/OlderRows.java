package io.etlx.delta;

/**
 * The older file's rows of one bucket: key hash → row hash, in open addressing. A key hash met
 * twice is ambiguous: no newer row of that key counts as unchanged.
 */
final class OlderRows {
  private static final byte ONE = 1;
  private static final byte AMBIGUOUS = 2;
  private final long[] keys;
  private final long[] h1;
  private final long[] h2;
  private final byte[] state;
  private final int mask;

  OlderRows(int expected) {
    int capacity = Slots.capacity(expected);
    keys = new long[capacity];
    h1 = new long[capacity];
    h2 = new long[capacity];
    state = new byte[capacity];
    mask = capacity - 1;
  }

  void add(long key, long rowH1, long rowH2) {
    int slot = Slots.first(key, mask);
    while (state[slot] != 0) {
      if (keys[slot] == key) {
        state[slot] = AMBIGUOUS;
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    h1[slot] = rowH1;
    h2[slot] = rowH2;
    state[slot] = ONE;
  }

  /** Whether the older file holds this very row under this key. */
  boolean holds(long key, long rowH1, long rowH2) {
    int slot = Slots.first(key, mask);
    while (state[slot] != 0) {
      if (keys[slot] == key) {
        return state[slot] == ONE && h1[slot] == rowH1 && h2[slot] == rowH2;
      }
      slot = (slot + 1) & mask;
    }
    return false;
  }
}
