package io.gradfit.bench;

/**
 * The read-once floor: the cheapest pass that touches every byte of X and y. Sixteen independent float lanes let
 * the JIT vectorise the loop, so it runs at memory speed rather than at the latency of one add chain.
 */
final class ReadFloor {
  private ReadFloor() {}

  static float sum(float[] a, int from, int to) {
    float[] lanes = new float[16];
    int i = from;
    for (; i + 16 <= to; i += 16) {
      for (int l = 0; l < 16; l++) lanes[l] += a[i + l];
    }
    float s = 0;
    for (; i < to; i++) s += a[i];
    for (float v : lanes) s += v;
    return s;
  }
}
