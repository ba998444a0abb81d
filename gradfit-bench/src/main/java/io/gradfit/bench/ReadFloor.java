package io.gradfit.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The old read-once floor: eight independent scalar float sums over X and y. It is limited by the adds, not by
 * memory (about half the bandwidth on two threads here), so it is no longer the floor; {@link VectorReadFloor} is.
 * Kept so that MemoryFloorBench shows the difference, and for JVMs without the Vector API.
 */
final class ReadFloor {
  private ReadFloor() {}

  /** Reads x and y once on the calling thread. */
  static float read(float[] x, float[] y) {
    return sum(x, 0, x.length) + sum(y, 0, y.length);
  }

  /** Reads x and y once on two threads (the caller and one common-pool worker), as the kernel does. */
  static float readTwoThreads(float[] x, float[] y) {
    ForkJoinTask<Float> half = ForkJoinPool.commonPool().submit(
        () -> sum(x, x.length / 2, x.length) + sum(y, y.length / 2, y.length));
    return sum(x, 0, x.length / 2) + sum(y, 0, y.length / 2) + half.join();
  }

  static float sum(float[] a, int from, int to) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3];
      s4 += a[i + 4]; s5 += a[i + 5]; s6 += a[i + 6]; s7 += a[i + 7];
    }
    for (; i < to; i++) s0 += a[i];
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
