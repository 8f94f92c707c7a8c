package io.etlx.delta;

import java.util.Arrays;

/**
 * The older file's rows of one bucket: key hash → row hash, in open addressing. A key hash met
 * twice is ambiguous: no newer row of that key counts as unchanged. One table serves bucket after
 * bucket ({@link #clear}), so a comparison keeps the same few arrays instead of making garbage of
 * megabytes per bucket.
 */
final class OlderRows {
  private static final byte ONE = 1;
  private static final byte AMBIGUOUS = 2;
  private long[] keys = new long[0];
  private long[] h1;
  private long[] h2;
  private byte[] state;
  private int mask;

  /** Empties the table for a bucket of about {@code expected} rows. */
  void clear(int expected) {
    int capacity = Slots.capacity(expected);
    if (capacity > keys.length) {
      keys = new long[capacity];
      h1 = new long[capacity];
      h2 = new long[capacity];
      state = new byte[capacity];
    } else {
      capacity = keys.length;
      Arrays.fill(state, (byte) 0);
    }
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
