package io.etlx.csv;

import java.util.ArrayDeque;

/**
 * Byte arrays of one size, handed out and given back, so that the chunks a conversion has in flight
 * reuse a few arrays instead of allocating megabytes per chunk: arrays that live for the whole
 * stream sit in the old generation once, where fresh ones would be copied by every young collection
 * while their chunk waits (a stop-the-world pause for every thread) and would grow the memory the
 * process holds. Thread-safe: one thread takes, workers give back.
 */
public final class Buffers {
  private final int size;
  private final int keep;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();

  /**
   * @param size the length of the arrays handed out (unless a caller needs more)
   * @param keep at most this many arrays wait to be taken again; more given back are dropped
   */
  public Buffers(int size, int keep) {
    this.size = size;
    this.keep = keep;
  }

  /** An array of at least {@code atLeast} bytes (its content is whatever it held before). */
  public synchronized byte[] take(int atLeast) {
    if (atLeast <= size) {
      byte[] reused = free.poll();
      if (reused != null) {
        return reused;
      }
    }
    return new byte[Math.max(size, atLeast)];
  }

  /** Gives an array back once nothing reads or writes it any more; another size is dropped. */
  public synchronized void give(byte[] array) {
    if (array.length == size && free.size() < keep) {
      free.push(array);
    }
  }

  /** How many arrays wait to be taken (for tests). */
  synchronized int waiting() {
    return free.size();
  }
}
