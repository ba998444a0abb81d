package io.gradfit.tensor.kernels;

/**
 * The scalar row loop of {@link LinearMseKernel} for sixteen features (plus up to three more): each row is read once,
 * into locals, and used for both its dot product and its sixteen gradient sums, which stay in locals too. The
 * blocked three-pass loop reads every value twice and keeps its sums in arrays; with sixteen features that costs
 * about twice the time. The dot product runs in four chains of four features, so no FMA waits on the one before it.
 *
 * <p>In float, like the float32 autograd path, as {@link FewFeatures} (whose comment says why): the sums are float
 * over blocks of {@link #BLOCK} rows, then added in double.
 *
 * <p>It reads ahead ({@link Ahead}), one line per row: 85-92 ms an epoch on two threads without, 65-72 with (the
 * memory floor 26-27 ms). The loops of up to three features gained nothing from it (they are bound by their adds).
 */
final class SixteenFeatures {
  /** Rows per float block. */
  static final int BLOCK = 64;

  private SixteenFeatures() {}

  /** Whether d features take this loop. */
  static boolean fits(int d) {
    return d >= 16 && d <= 19;
  }

  /** Adds Σe², Σe and Σe·x_j over rows [from, to) to sums[at], sums[at+1], sums[at+2+j]. */
  static void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    float w0 = (float) w[0], w1 = (float) w[1], w2 = (float) w[2], w3 = (float) w[3];
    float w4 = (float) w[4], w5 = (float) w[5], w6 = (float) w[6], w7 = (float) w[7];
    float w8 = (float) w[8], w9 = (float) w[9], w10 = (float) w[10], w11 = (float) w[11];
    float w12 = (float) w[12], w13 = (float) w[13], w14 = (float) w[14], w15 = (float) w[15];
    float b32 = (float) b;
    float[] tail = new float[d - 16];
    double[] total = new double[d + 2]; // Σe², Σe, Σe·x_j
    int touch = 0;
    for (int i = from; i < to; ) {
      float g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0;
      float g8 = 0, g9 = 0, g10 = 0, g11 = 0, g12 = 0, g13 = 0, g14 = 0, g15 = 0;
      float q = 0;
      float s = 0;
      java.util.Arrays.fill(tail, 0);
      for (int end = Math.min(to, i + BLOCK); i < end; i++) {
        int k = i * d;
        touch += Ahead.touch(x, k, 1);
        float x0 = x[k + 0], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
        float x4 = x[k + 4], x5 = x[k + 5], x6 = x[k + 6], x7 = x[k + 7];
        float x8 = x[k + 8], x9 = x[k + 9], x10 = x[k + 10], x11 = x[k + 11];
        float x12 = x[k + 12], x13 = x[k + 13], x14 = x[k + 14], x15 = x[k + 15];
        float p0 = Math.fma(x12, w12, Math.fma(x8, w8, Math.fma(x4, w4, x0 * w0)));
        float p1 = Math.fma(x13, w13, Math.fma(x9, w9, Math.fma(x5, w5, x1 * w1)));
        float p2 = Math.fma(x14, w14, Math.fma(x10, w10, Math.fma(x6, w6, x2 * w2)));
        float p3 = Math.fma(x15, w15, Math.fma(x11, w11, Math.fma(x7, w7, x3 * w3)));
        float e = ((p0 + p1) + (p2 + p3)) + b32;
        for (int j = 16; j < d; j++) e = Math.fma(x[k + j], (float) w[j], e);
        e -= y[i];
        q = Math.fma(e, e, q);
        s += e;
        g0 = Math.fma(e, x0, g0); g1 = Math.fma(e, x1, g1); g2 = Math.fma(e, x2, g2); g3 = Math.fma(e, x3, g3);
        g4 = Math.fma(e, x4, g4); g5 = Math.fma(e, x5, g5); g6 = Math.fma(e, x6, g6); g7 = Math.fma(e, x7, g7);
        g8 = Math.fma(e, x8, g8); g9 = Math.fma(e, x9, g9); g10 = Math.fma(e, x10, g10); g11 = Math.fma(e, x11, g11);
        g12 = Math.fma(e, x12, g12); g13 = Math.fma(e, x13, g13);
        g14 = Math.fma(e, x14, g14); g15 = Math.fma(e, x15, g15);
        for (int j = 16; j < d; j++) tail[j - 16] = Math.fma(e, x[k + j], tail[j - 16]);
      }
      total[0] += q; total[1] += s;
      total[2] += g0; total[3] += g1; total[4] += g2; total[5] += g3;
      total[6] += g4; total[7] += g5; total[8] += g6; total[9] += g7;
      total[10] += g8; total[11] += g9; total[12] += g10; total[13] += g11;
      total[14] += g12; total[15] += g13; total[16] += g14; total[17] += g15;
      for (int j = 16; j < d; j++) total[2 + j] += tail[j - 16];
    }
    for (int k = 0; k < d + 2; k++) sums[at + k] += total[k];
    Ahead.keep(touch);
  }
}
