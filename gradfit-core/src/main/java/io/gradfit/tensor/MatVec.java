package io.gradfit.tensor;

import io.gradfit.tensor.kernels.ThreeColumns;

/**
 * The two matrix-vector products of a linear model, each output a running FMA sum over p = 0..k-1 as in
 * {@link MatMul}. Small dot products are unrolled: a loop of two or three iterations per row costs the JIT more
 * in loop control than in arithmetic, and a linear model usually has few features. Three columns go through
 * {@link ThreeColumns} (the Vector API's loops where the JVM has them): the same bits for X·w; for Xᵀ·g of
 * {@link ThreeColumns#MIN_ROWS} rows or more, blocks summed in float and added in double instead of one running
 * float sum over millions of rows.
 */
final class MatVec {
  /**
   * Rows per block of Xᵀ·g through {@link ThreeColumns}. With the Vector API 1024: 1024 rows of three floats are
   * 12 KiB, in L1, and a deferred g computed from those rows (a residual) reads them and the targets in runs four
   * times longer than 256 would (measured: 45 → 42 ms for the lesson's step at 10⁷ rows); the plain Java loops
   * measured faster with 256 (59 against 79 ms).
   */
  private static final int THREE_BLOCK = ThreeColumns.VECTOR != null ? 1024 : 256;

  private MatVec() {}

  /** z[at + r] = Σ_p A[from + r, p]·w[p] for r &lt; rows, for A [*, k] row-major. */
  static void rows(float[] a, int from, float[] w, float[] z, int at, int rows, int k) {
    int base = from * k;
    switch (k) {
      case 1 -> {
        float w0 = w[0];
        for (int i = 0; i < rows; i++) z[at + i] = Math.fma(a[base + i], w0, 0f);
      }
      case 2 -> {
        float w0 = w[0], w1 = w[1];
        for (int i = 0; i < rows; i++) {
          int o = base + 2 * i;
          z[at + i] = Math.fma(a[o + 1], w1, Math.fma(a[o], w0, 0f));
        }
      }
      case 3 -> ThreeColumns.BEST.rows(a, from, w[0], w[1], w[2], z, at, rows);
      default -> {
        for (int i = 0; i < rows; i++) {
          float s = 0f;
          for (int p = 0; p < k; p++) s = Math.fma(a[base + i * k + p], w[p], s);
          z[at + i] = s;
        }
      }
    }
  }

  static void rows(double[] a, int from, double[] w, double[] z, int at, int rows, int k) {
    int base = from * k;
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int p = 0; p < k; p++) s = Math.fma(a[base + i * k + p], w[p], s);
      z[at + i] = s;
    }
  }

  /**
   * c = Aᵀ·g for A [k, m] row-major: c[i] = Σ_p A[p, i]·g[p]. Four outputs advance together in locals (four
   * independent FMA chains instead of one waiting on each FMA's latency), over blocks of rows that stay in cache
   * while every group of four passes over them; a short last group repeats its last column, computing the same
   * value twice rather than needing a second loop. Three columns (a linear model of three features) get a loop of
   * their own: three chains in one pass, twice as fast as the general loop here.
   */
  static void columns(float[] a, float[] g, float[] c, int m, int block) {
    int k = g.length;
    if (m == 3 && k >= ThreeColumns.MIN_ROWS) {
      double[] acc = new double[3];
      for (int p0 = 0; p0 < k; p0 += THREE_BLOCK) {
        ThreeColumns.BEST.columns(a, p0, Math.min(k, p0 + THREE_BLOCK), g, p0, acc);
      }
      store(acc, c);
      return;
    }
    for (int p0 = 0; p0 < k; p0 += block) {
      columnsBlock(a, p0, Math.min(k, p0 + block), g, p0, c, m);
    }
  }

  /**
   * As {@link #columns(float[], float[], float[], int, int)} with g computed block by block from a deferred
   * pointwise result of k elements, so that g is never stored whole. Same terms in the same order. Each block of g
   * also goes to {@code alsoSum}, and the riders' sums ({@link Riders}) take the same rows.
   */
  static void columns(float[] a, Deferred g, int k, float[] c, int m, int block, CascadeStream[] alsoSum,
      Riders riders) {
    Deferred.Scratch scratch = new Deferred.Scratch();
    boolean three = m == 3 && k >= ThreeColumns.MIN_ROWS; // as columns(a, g[], ...): the same blocks, the same bits
    int rows = three ? THREE_BLOCK : block;
    float[] gb = new float[rows];
    double[] acc = new double[3];
    for (int p0 = 0; p0 < k; p0 += rows) {
      int p1 = Math.min(k, p0 + rows);
      g.fill(p0, p1 - p0, gb, 0, scratch, 0);
      for (CascadeStream s : alsoSum) s.add(gb, 0, p1 - p0);
      riders.add(p0, p1 - p0);
      if (three) {
        ThreeColumns.BEST.columns(a, p0, p1, gb, 0, acc);
      } else {
        columnsBlock(a, p0, p1, gb, 0, c, m);
      }
    }
    if (three) {
      store(acc, c);
    }
  }

  /** c[j] = the double sums of {@link ThreeColumns#columns}, rounded once. */
  private static void store(double[] acc, float[] c) {
    for (int j = 0; j < 3; j++) c[j] = (float) acc[j];
  }

  /** Rows p0 &lt;= p &lt; p1 of c += Aᵀ·g, with g[p] read at gb[p - p0 + gOff]. */
  private static void columnsBlock(float[] a, int p0, int p1, float[] gb, int gOff, float[] c, int m) {
    if (m == 3) { // three features (the lesson's): three chains, not four with one repeated; twice as fast here
      float c0 = c[0], c1 = c[1], c2 = c[2];
      for (int p = p0, row = 3 * p0, q = gOff; p < p1; p++, row += 3, q++) {
        float gp = gb[q];
        c0 = Math.fma(a[row], gp, c0);
        c1 = Math.fma(a[row + 1], gp, c1);
        c2 = Math.fma(a[row + 2], gp, c2);
      }
      c[0] = c0; c[1] = c1; c[2] = c2;
      return;
    }
    for (int i = 0; i < m; i += 4) {
      int i0 = i, i1 = Math.min(i + 1, m - 1), i2 = Math.min(i + 2, m - 1), i3 = Math.min(i + 3, m - 1);
      float c0 = c[i0], c1 = c[i1], c2 = c[i2], c3 = c[i3];
      for (int p = p0, row = p0 * m, q = gOff; p < p1; p++, row += m, q++) {
        float gp = gb[q];
        c0 = Math.fma(a[row + i0], gp, c0);
        c1 = Math.fma(a[row + i1], gp, c1);
        c2 = Math.fma(a[row + i2], gp, c2);
        c3 = Math.fma(a[row + i3], gp, c3);
      }
      c[i3] = c3; c[i2] = c2; c[i1] = c1; c[i0] = c0;
    }
  }

  static void columns(double[] a, double[] g, double[] c, int m, int block) {
    int k = g.length;
    for (int p0 = 0; p0 < k; p0 += block) {
      columnsBlock(a, p0, Math.min(k, p0 + block), g, p0, c, m);
    }
  }

  static void columns(double[] a, Deferred g, int k, double[] c, int m, int block, CascadeStream[] alsoSum,
      Riders riders) {
    Deferred.Scratch scratch = new Deferred.Scratch();
    double[] gb = new double[block];
    for (int p0 = 0; p0 < k; p0 += block) {
      int p1 = Math.min(k, p0 + block);
      g.fill(p0, p1 - p0, gb, 0, scratch, 0);
      for (CascadeStream s : alsoSum) s.add(gb, 0, p1 - p0);
      riders.add(p0, p1 - p0);
      columnsBlock(a, p0, p1, gb, 0, c, m);
    }
  }

  private static void columnsBlock(double[] a, int p0, int p1, double[] gb, int gOff, double[] c, int m) {
    if (m == 3) {
      double c0 = c[0], c1 = c[1], c2 = c[2];
      for (int p = p0, row = 3 * p0, q = gOff; p < p1; p++, row += 3, q++) {
        double gp = gb[q];
        c0 = Math.fma(a[row], gp, c0);
        c1 = Math.fma(a[row + 1], gp, c1);
        c2 = Math.fma(a[row + 2], gp, c2);
      }
      c[0] = c0; c[1] = c1; c[2] = c2;
      return;
    }
    for (int i = 0; i < m; i += 4) {
      int i0 = i, i1 = Math.min(i + 1, m - 1), i2 = Math.min(i + 2, m - 1), i3 = Math.min(i + 3, m - 1);
      double c0 = c[i0], c1 = c[i1], c2 = c[i2], c3 = c[i3];
      for (int p = p0, row = p0 * m, q = gOff; p < p1; p++, row += m, q++) {
        double gp = gb[q];
        c0 = Math.fma(a[row + i0], gp, c0);
        c1 = Math.fma(a[row + i1], gp, c1);
        c2 = Math.fma(a[row + i2], gp, c2);
        c3 = Math.fma(a[row + i3], gp, c3);
      }
      c[i3] = c3; c[i2] = c2; c[i1] = c1; c[i0] = c0;
    }
  }
}
