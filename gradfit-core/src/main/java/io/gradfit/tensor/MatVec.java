package io.gradfit.tensor;

/**
 * The two matrix-vector products of a linear model, each output a running FMA sum over p = 0..k-1 as in
 * {@link MatMul}. Small dot products are unrolled: a loop of two or three iterations per row costs the JIT more
 * in loop control than in arithmetic, and a linear model usually has few features.
 */
final class MatVec {
  private MatVec() {}

  /** z = A·w for A [rows, k] row-major: z[i] = Σ_p A[i, p]·w[p]. */
  static void rows(float[] a, float[] w, float[] z, int k) {
    int rows = z.length;
    switch (k) {
      case 1 -> { float w0 = w[0]; for (int i = 0; i < rows; i++) z[i] = Math.fma(a[i], w0, 0f); }
      case 2 -> {
        float w0 = w[0], w1 = w[1];
        for (int i = 0; i < rows; i++) z[i] = Math.fma(a[2 * i + 1], w1, Math.fma(a[2 * i], w0, 0f));
      }
      case 3 -> {
        float w0 = w[0], w1 = w[1], w2 = w[2];
        for (int i = 0; i < rows; i++) {
          z[i] = Math.fma(a[3 * i + 2], w2, Math.fma(a[3 * i + 1], w1, Math.fma(a[3 * i], w0, 0f)));
        }
      }
      default -> {
        for (int i = 0; i < rows; i++) {
          float s = 0f;
          for (int p = 0; p < k; p++) s = Math.fma(a[i * k + p], w[p], s);
          z[i] = s;
        }
      }
    }
  }

  static void rows(double[] a, double[] w, double[] z, int k) {
    for (int i = 0; i < z.length; i++) {
      double s = 0;
      for (int p = 0; p < k; p++) s = Math.fma(a[i * k + p], w[p], s);
      z[i] = s;
    }
  }

  /**
   * c = Aᵀ·g for A [k, m] row-major: c[i] = Σ_p A[p, i]·g[p]. Four outputs advance together in locals (four
   * independent FMA chains instead of one waiting on each FMA's latency), over blocks of rows that stay in cache
   * while every group of four passes over them; a short last group repeats its last column, computing the same
   * value twice rather than needing a second loop.
   */
  static void columns(float[] a, float[] g, float[] c, int m, int block) {
    int k = g.length;
    for (int p0 = 0; p0 < k; p0 += block) {
      int p1 = Math.min(k, p0 + block);
      for (int i = 0; i < m; i += 4) {
        int i0 = i, i1 = Math.min(i + 1, m - 1), i2 = Math.min(i + 2, m - 1), i3 = Math.min(i + 3, m - 1);
        float c0 = c[i0], c1 = c[i1], c2 = c[i2], c3 = c[i3];
        for (int p = p0, row = p0 * m; p < p1; p++, row += m) {
          float gp = g[p];
          c0 = Math.fma(a[row + i0], gp, c0);
          c1 = Math.fma(a[row + i1], gp, c1);
          c2 = Math.fma(a[row + i2], gp, c2);
          c3 = Math.fma(a[row + i3], gp, c3);
        }
        c[i3] = c3; c[i2] = c2; c[i1] = c1; c[i0] = c0;
      }
    }
  }

  static void columns(double[] a, double[] g, double[] c, int m, int block) {
    int k = g.length;
    for (int p0 = 0; p0 < k; p0 += block) {
      int p1 = Math.min(k, p0 + block);
      for (int i = 0; i < m; i += 4) {
        int i0 = i, i1 = Math.min(i + 1, m - 1), i2 = Math.min(i + 2, m - 1), i3 = Math.min(i + 3, m - 1);
        double c0 = c[i0], c1 = c[i1], c2 = c[i2], c3 = c[i3];
        for (int p = p0, row = p0 * m; p < p1; p++, row += m) {
          double gp = g[p];
          c0 = Math.fma(a[row + i0], gp, c0);
          c1 = Math.fma(a[row + i1], gp, c1);
          c2 = Math.fma(a[row + i2], gp, c2);
          c3 = Math.fma(a[row + i3], gp, c3);
        }
        c[i3] = c3; c[i2] = c2; c[i1] = c1; c[i0] = c0;
      }
    }
  }
}
