package io.gradfit.tensor.kernels;

/**
 * The scalar row loop of {@link LinearMseKernel} for sixteen features (plus up to three more): each row is read and
 * widened once, into locals, and used for both its dot product and its sixteen gradient sums, which stay in locals
 * too. The blocked three-pass loop reads and widens every value twice and keeps its sums in arrays; with sixteen
 * features that costs about twice the time. The dot product runs in four chains of four features, so no FMA waits
 * on the one before it.
 */
final class SixteenFeatures {
  private SixteenFeatures() {}

  /** Whether d features take this loop. */
  static boolean fits(int d) {
    return d >= 16 && d <= 19;
  }

  /** Adds Σe², Σe and Σe·x_j over rows [from, to) to sums[at], sums[at+1], sums[at+2+j]. */
  static void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    double w0 = w[0];
    double w1 = w[1];
    double w2 = w[2];
    double w3 = w[3];
    double w4 = w[4];
    double w5 = w[5];
    double w6 = w[6];
    double w7 = w[7];
    double w8 = w[8];
    double w9 = w[9];
    double w10 = w[10];
    double w11 = w[11];
    double w12 = w[12];
    double w13 = w[13];
    double w14 = w[14];
    double w15 = w[15];
    double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0;
    double g8 = 0, g9 = 0, g10 = 0, g11 = 0, g12 = 0, g13 = 0, g14 = 0, g15 = 0;
    double[] tail = new double[d - 16];
    double q = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      int k = i * d;
      double x0 = x[k + 0], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
      double x4 = x[k + 4], x5 = x[k + 5], x6 = x[k + 6], x7 = x[k + 7];
      double x8 = x[k + 8], x9 = x[k + 9], x10 = x[k + 10], x11 = x[k + 11];
      double x12 = x[k + 12], x13 = x[k + 13], x14 = x[k + 14], x15 = x[k + 15];
      double p0 = Math.fma(x12, w12, Math.fma(x8, w8, Math.fma(x4, w4, x0 * w0)));
      double p1 = Math.fma(x13, w13, Math.fma(x9, w9, Math.fma(x5, w5, x1 * w1)));
      double p2 = Math.fma(x14, w14, Math.fma(x10, w10, Math.fma(x6, w6, x2 * w2)));
      double p3 = Math.fma(x15, w15, Math.fma(x11, w11, Math.fma(x7, w7, x3 * w3)));
      double e = ((p0 + p1) + (p2 + p3)) + b;
      for (int j = 16; j < d; j++) e = Math.fma(x[k + j], w[j], e);
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
    sums[at] += q;
    sums[at + 1] += s;
    sums[at + 2] += g0; sums[at + 3] += g1; sums[at + 4] += g2; sums[at + 5] += g3;
    sums[at + 6] += g4; sums[at + 7] += g5; sums[at + 8] += g6; sums[at + 9] += g7;
    sums[at + 10] += g8; sums[at + 11] += g9; sums[at + 12] += g10; sums[at + 13] += g11;
    sums[at + 14] += g12; sums[at + 15] += g13; sums[at + 16] += g14; sums[at + 17] += g15;
    for (int j = 16; j < d; j++) sums[at + 2 + j] += tail[j - 16];
  }
}
