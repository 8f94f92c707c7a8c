package io.etlx.delta;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 (x64, 128-bit) of byte ranges: {@link #h1()} and {@link #h2()} after {@link #hash}.
 * Fast and well mixed, not cryptographic: it tells rows apart, it does not guard against data
 * crafted to collide (which could only make a changed row look unchanged to whoever wrote it).
 */
final class RowHash {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private long h1;
  private long h2;

  long h1() {
    return h1;
  }

  long h2() {
    return h2;
  }

  /** Hashes {@code data[offset, offset + length)} with {@code seed}. */
  RowHash hash(byte[] data, int offset, int length, long seed) {
    long a = seed;
    long b = seed;
    int blocks = length >>> 4;
    for (int i = 0; i < blocks; i++) {
      int at = offset + (i << 4);
      long k1 = (long) LONGS.get(data, at);
      long k2 = (long) LONGS.get(data, at + 8);
      a ^= mixK1(k1);
      a = Long.rotateLeft(a, 27) + b;
      a = a * 5 + 0x52dce729;
      b ^= mixK2(k2);
      b = Long.rotateLeft(b, 31) + a;
      b = b * 5 + 0x38495ab5;
    }
    int tail = offset + (blocks << 4);
    int rest = length & 15;
    long k1 = 0;
    long k2 = 0;
    for (int i = rest - 1; i >= 8; i--) {
      k2 = (k2 << 8) | (data[tail + i] & 0xffL);
    }
    for (int i = Math.min(rest, 8) - 1; i >= 0; i--) {
      k1 = (k1 << 8) | (data[tail + i] & 0xffL);
    }
    if (rest > 8) {
      b ^= mixK2(k2);
    }
    if (rest > 0) {
      a ^= mixK1(k1);
    }
    a ^= length;
    b ^= length;
    a += b;
    b += a;
    a = fmix(a);
    b = fmix(b);
    a += b;
    b += a;
    h1 = a;
    h2 = b;
    return this;
  }

  private static long mixK1(long k) {
    return Long.rotateLeft(k * C1, 31) * C2;
  }

  private static long mixK2(long k) {
    return Long.rotateLeft(k * C2, 33) * C1;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
