package io.gradfit.tensor.kernels;

/** {@link ThreeColumns#SCALAR}: plain Java. */
final class ThreeColumnLoops implements ThreeColumns {
  @Override
  public void rows(float[] a, int from, float w0, float w1, float w2, float[] z, int at, int rows) {
    int base = 3 * from;
    int i = 0;
    for (; i + 2 <= rows; i += 2) { // two rows per step, loaded together: a quarter faster than one
      int o = base + 3 * i;
      float a0 = a[o], a1 = a[o + 1], a2 = a[o + 2], a3 = a[o + 3], a4 = a[o + 4], a5 = a[o + 5];
      z[at + i] = Math.fma(a2, w2, Math.fma(a1, w1, Math.fma(a0, w0, 0f)));
      z[at + i + 1] = Math.fma(a5, w2, Math.fma(a4, w1, Math.fma(a3, w0, 0f)));
    }
    if (i < rows) {
      int o = base + 3 * i;
      z[at + i] = Math.fma(a[o + 2], w2, Math.fma(a[o + 1], w1, Math.fma(a[o], w0, 0f)));
    }
  }

  @Override
  public void residuals(float[] a, int from, float w0, float w1, float w2, float bias, float[] y, int yOff,
      float[] z, int at, int rows) {
    int base = 3 * from;
    for (int i = 0; i < rows; i++) {
      int o = base + 3 * i;
      float dot = Math.fma(a[o + 2], w2, Math.fma(a[o + 1], w1, Math.fma(a[o], w0, 0f)));
      z[at + i] = (dot + bias) - y[yOff + i];
    }
  }

  /** Even and odd rows in separate sums: six independent chains, where one per column waits on each add. */
  @Override
  public void columns(float[] a, int p0, int p1, float[] g, int gOff, double[] acc) {
    float c0 = 0f, c1 = 0f, c2 = 0f, d0 = 0f, d1 = 0f, d2 = 0f;
    int p = p0;
    int q = gOff;
    for (; p + 2 <= p1; p += 2, q += 2) {
      int row = 3 * p;
      float g0 = g[q], g1 = g[q + 1];
      c0 = Math.fma(a[row], g0, c0);
      c1 = Math.fma(a[row + 1], g0, c1);
      c2 = Math.fma(a[row + 2], g0, c2);
      d0 = Math.fma(a[row + 3], g1, d0);
      d1 = Math.fma(a[row + 4], g1, d1);
      d2 = Math.fma(a[row + 5], g1, d2);
    }
    if (p < p1) {
      int row = 3 * p;
      c0 = Math.fma(a[row], g[q], c0);
      c1 = Math.fma(a[row + 1], g[q], c1);
      c2 = Math.fma(a[row + 2], g[q], c2);
    }
    acc[0] += (double) c0 + d0;
    acc[1] += (double) c1 + d1;
    acc[2] += (double) c2 + d2;
  }
}
