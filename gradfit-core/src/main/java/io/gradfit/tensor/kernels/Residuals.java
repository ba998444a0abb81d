package io.gradfit.tensor.kernels;

/**
 * Residuals {@code e_i = (Σ_j X_ij·w_j + b) - y_i} of a block of rows, in double. Up to four features are
 * unrolled: a dot product of two or three terms per row costs more in loop control than in arithmetic, and a
 * linear model often has few features.
 */
final class Residuals {
  private Residuals() {}

  /** e[i] for rows from .. from+len-1. */
  static void of(float[] x, float[] y, double[] w, double b, int from, int len, double[] e) {
    int d = w.length;
    switch (d) {
      case 1 -> {
        double w0 = w[0];
        for (int i = 0, k = from; i < len; i++, k++) e[i] = Math.fma(x[k], w0, b) - y[from + i];
      }
      case 2 -> {
        double w0 = w[0], w1 = w[1];
        for (int i = 0, k = 2 * from; i < len; i++, k += 2) {
          e[i] = Math.fma(x[k + 1], w1, Math.fma(x[k], w0, b)) - y[from + i];
        }
      }
      case 3 -> {
        double w0 = w[0], w1 = w[1], w2 = w[2];
        for (int i = 0, k = 3 * from; i < len; i++, k += 3) {
          e[i] = Math.fma(x[k + 2], w2, Math.fma(x[k + 1], w1, Math.fma(x[k], w0, b))) - y[from + i];
        }
      }
      case 4 -> {
        double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
        for (int i = 0, k = 4 * from; i < len; i++, k += 4) {
          double p = Math.fma(x[k + 3], w3, Math.fma(x[k + 2], w2, Math.fma(x[k + 1], w1, Math.fma(x[k], w0, b))));
          e[i] = p - y[from + i];
        }
      }
      default -> {
        // four rows at a time: four independent FMA chains
        int i = 0;
        for (; i + 4 <= len; i += 4) {
          int k = (from + i) * d;
          double p0 = b, p1 = b, p2 = b, p3 = b;
          for (int j = 0; j < d; j++, k++) {
            double wj = w[j];
            p0 = Math.fma(x[k], wj, p0);
            p1 = Math.fma(x[k + d], wj, p1);
            p2 = Math.fma(x[k + 2 * d], wj, p2);
            p3 = Math.fma(x[k + 3 * d], wj, p3);
          }
          e[i] = p0 - y[from + i];
          e[i + 1] = p1 - y[from + i + 1];
          e[i + 2] = p2 - y[from + i + 2];
          e[i + 3] = p3 - y[from + i + 3];
        }
        for (; i < len; i++) {
          double p = b;
          for (int j = 0, k = (from + i) * d; j < d; j++, k++) p = Math.fma(x[k], w[j], p);
          e[i] = p - y[from + i];
        }
      }
    }
  }
}
