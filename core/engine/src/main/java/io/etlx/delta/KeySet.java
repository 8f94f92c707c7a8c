package io.etlx.delta;

/** The key hashes of one bucket's newer rows, to find a key that appears twice. */
final class KeySet {
  private final long[] keys;
  private final boolean[] used;
  private final int mask;

  KeySet(int expected) {
    int capacity = Slots.capacity(expected);
    keys = new long[capacity];
    used = new boolean[capacity];
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
