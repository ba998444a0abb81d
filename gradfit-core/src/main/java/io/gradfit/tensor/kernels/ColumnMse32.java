package io.gradfit.tensor.kernels;

/**
 * The plain Java MSE loop of {@link ColumnKernels} in float: by blocks of {@link #ROWS} rows, every step an
 * element-wise loop over the block (residuals, then one feature at a time), which C2 compiles to vector
 * instructions without the Vector API. The sums are kept per row slot of the block (Σe², Σe and Σe·x_j each in a
 * float array of {@link #ROWS}), so they too are element-wise; every {@link #FLUSH_BLOCKS} blocks the slots go to
 * double, and at the end the double slots are added in slot order. A float slot holds at most that many terms.
 */
final class ColumnMse32 {
  /** Rows per block: the residuals and the float slots of three features (5 KiB) stay in L1. */
  static final int ROWS = 256;
  /** Blocks summed in float before their slots go to double. */
  static final int FLUSH_BLOCKS = 16;

  private ColumnMse32() {}

  /** Σe², Σe and Σe·x_j of rows [from, to) into sums[at..]; returns the first row not done (less than a block). */
  static int sums(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    float bf = (float) b;
    float[] e = new float[ROWS];
    float[] x = new float[ROWS];
    float[] yb = new float[ROWS];
    float[][] slots = new float[d + 2][ROWS]; // Σe², Σe, Σe·x_0, ... per row slot
    double[][] wide = new double[d + 2][ROWS];
    int i = from;
    int blocks = 0;
    for (; i + ROWS <= to; i += ROWS) {
      // Every loop indexes its arrays alike (copies of the block's rows, where xt and y are at offsets): C2
      // vectorizes only loops where two float[] it cannot tell apart are never read and written at different offsets.
      System.arraycopy(y, i, yb, 0, ROWS);
      for (int r = 0; r < ROWS; r++) e[r] = bf - yb[r];
      for (int j = 0; j < d; j++) {
        float wj = (float) w[j];
        System.arraycopy(xt, j * n + i, x, 0, ROWS);
        for (int r = 0; r < ROWS; r++) e[r] += x[r] * wj;
      }
      float[] q = slots[0], s = slots[1];
      for (int r = 0; r < ROWS; r++) {
        q[r] += e[r] * e[r];
        s[r] += e[r];
      }
      for (int j = 0; j < d; j++) {
        float[] g = slots[2 + j];
        System.arraycopy(xt, j * n + i, x, 0, ROWS);
        for (int r = 0; r < ROWS; r++) g[r] += e[r] * x[r];
      }
      if (++blocks == FLUSH_BLOCKS) {
        flush(slots, wide);
        blocks = 0;
      }
    }
    flush(slots, wide);
    for (int v = 0; v < d + 2; v++) {
      double t = 0;
      for (int r = 0; r < ROWS; r++) t += wide[v][r];
      sums[at + v] += t;
    }
    return i;
  }

  private static void flush(float[][] slots, double[][] wide) {
    for (int v = 0; v < slots.length; v++) {
      float[] f = slots[v];
      double[] t = wide[v];
      for (int r = 0; r < ROWS; r++) {
        t[r] += f[r];
        f[r] = 0;
      }
    }
  }
}
