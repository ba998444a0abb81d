package io.gradfit.tensor.kernels;

/**
 * The whole per-row work of {@link LinearMseKernel} in one loop, for one, two or three features: residual, Σe²,
 * Σe and Σe·x_j, every running sum in a local. With so few features the blocked three-pass form spends its time
 * on loop control and on re-reading the block; here each row is read once and used at once. Each width has its
 * own loop so that row offsets are constant multiples of i, which lets the JIT drop the array bounds checks.
 * Two rows per iteration, each with its own sums, so no add waits on the previous row's.
 *
 * <p>In float, like the float32 autograd path: the data are float32, and widening every value to double cost more
 * than the rest of the loop (measured 2.5x slower at d = 3). The running sums are float over blocks of
 * {@link #BLOCK} rows (64 per sum), then added in double, so float rounding in them stays far below the float32
 * rounding of each row's terms.
 */
final class FewFeatures {
  static final int MAX = 3;
  /** Rows per float block: two sums per quantity, 64 rows each. */
  static final int BLOCK = 128;

  private FewFeatures() {}

  /** Adds Σe², Σe and Σe·x_j over rows [from, to) to sums[at], sums[at+1], sums[at+2+j]. */
  static void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    double[] g = new double[5]; // Σe², Σe, then Σe·x_j
    int even = from + (to - from) / 2 * 2;
    float b32 = (float) b;
    switch (w.length) {
      case 1 -> one(x, y, (float) w[0], b32, from, even, g);
      case 2 -> two(x, y, (float) w[0], (float) w[1], b32, from, even, g);
      case 3 -> three(x, y, (float) w[0], (float) w[1], (float) w[2], b32, from, even, g);
      default -> throw new IllegalArgumentException("FewFeatures: " + w.length + " features");
    }
    if (even < to) { // an odd last row
      int d = w.length;
      float e = b32;
      for (int j = 0; j < d; j++) e = Math.fma(x[even * d + j], (float) w[j], e);
      e -= y[even];
      g[0] += e * e;
      g[1] += e;
      for (int j = 0; j < d; j++) g[2 + j] += e * x[even * d + j];
    }
    for (int k = 0; k < w.length + 2; k++) sums[at + k] += g[k];
  }

  private static void one(float[] x, float[] y, float w0, float b, int from, int to, double[] g) {
    for (int i = from; i < to; ) {
      float q = 0, qq = 0, s = 0, ss = 0, a0 = 0, c0 = 0;
      for (int end = Math.min(to, i + BLOCK); i < end; i += 2) {
        float x0 = x[i], z0 = x[i + 1];
        float e = Math.fma(x0, w0, b) - y[i];
        float f = Math.fma(z0, w0, b) - y[i + 1];
        q = Math.fma(e, e, q); qq = Math.fma(f, f, qq); s += e; ss += f;
        a0 = Math.fma(e, x0, a0); c0 = Math.fma(f, z0, c0);
      }
      g[0] += (double) q + qq; g[1] += (double) s + ss; g[2] += (double) a0 + c0;
    }
  }

  private static void two(float[] x, float[] y, float w0, float w1, float b, int from, int to, double[] g) {
    for (int i = from; i < to; ) {
      float q = 0, qq = 0, s = 0, ss = 0, a0 = 0, a1 = 0, c0 = 0, c1 = 0;
      for (int end = Math.min(to, i + BLOCK); i < end; i += 2) {
        float x0 = x[2 * i], x1 = x[2 * i + 1], z0 = x[2 * i + 2], z1 = x[2 * i + 3];
        float e = Math.fma(x1, w1, Math.fma(x0, w0, b)) - y[i];
        float f = Math.fma(z1, w1, Math.fma(z0, w0, b)) - y[i + 1];
        q = Math.fma(e, e, q); qq = Math.fma(f, f, qq); s += e; ss += f;
        a0 = Math.fma(e, x0, a0); a1 = Math.fma(e, x1, a1);
        c0 = Math.fma(f, z0, c0); c1 = Math.fma(f, z1, c1);
      }
      g[0] += (double) q + qq; g[1] += (double) s + ss; g[2] += (double) a0 + c0; g[3] += (double) a1 + c1;
    }
  }

  private static void three(float[] x, float[] y, float w0, float w1, float w2, float b, int from, int to,
      double[] g) {
    for (int i = from; i < to; ) {
      float q = 0, qq = 0, s = 0, ss = 0, a0 = 0, a1 = 0, a2 = 0, c0 = 0, c1 = 0, c2 = 0;
      for (int end = Math.min(to, i + BLOCK); i < end; i += 2) {
        int k = 3 * i;
        float x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], z0 = x[k + 3], z1 = x[k + 4], z2 = x[k + 5];
        float e = Math.fma(x2, w2, Math.fma(x1, w1, Math.fma(x0, w0, b))) - y[i];
        float f = Math.fma(z2, w2, Math.fma(z1, w1, Math.fma(z0, w0, b))) - y[i + 1];
        q = Math.fma(e, e, q); qq = Math.fma(f, f, qq); s += e; ss += f;
        a0 = Math.fma(e, x0, a0); a1 = Math.fma(e, x1, a1); a2 = Math.fma(e, x2, a2);
        c0 = Math.fma(f, z0, c0); c1 = Math.fma(f, z1, c1); c2 = Math.fma(f, z2, c2);
      }
      g[0] += (double) q + qq; g[1] += (double) s + ss;
      g[2] += (double) a0 + c0; g[3] += (double) a1 + c1; g[4] += (double) a2 + c2;
    }
  }
}
