package io.etlx.delta;

import java.util.Arrays;

/**
 * The key hashes of one bucket's newer rows, to find a key that appears twice; one set serves
 * bucket after bucket ({@link #clear}).
 */
final class KeySet {
  private long[] keys = new long[0];
  private boolean[] used;
  private int mask;

  /** Empties the set for a bucket of about {@code expected} rows. */
  void clear(int expected) {
    int capacity = Slots.capacity(expected);
    if (capacity > keys.length) {
      keys = new long[capacity];
      used = new boolean[capacity];
    } else {
      capacity = keys.length;
      Arrays.fill(used, false);
    }
    mask = capacity - 1;
  }

  /** Adds the key; false when it was there already. */
  boolean add(long key) {
    int slot = Slots.first(key, mask);
    while (used[slot]) {
      if (keys[slot] == key) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    used[slot] = true;
    return true;
  }
}
