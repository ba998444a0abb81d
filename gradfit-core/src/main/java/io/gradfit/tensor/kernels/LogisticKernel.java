package io.gradfit.tensor.kernels;

/**
 * Binary cross-entropy on logits of a linear model and its gradients, in one pass over the data: for X [N, d]
 * float32 (row-major), targets y [N] in [0, 1], weights w [d] and bias b, with logits {@code z_i = Σ_j X_ij·w_j + b},
 * <pre>
 *   loss  = (1/N) Σ_i max(z_i, 0) − z_i·y_i + log(1 + exp(−|z_i|))
 *   dL/dw = (1/N) Σ_i (σ(z_i) − y_i)·X_i      dL/db = (1/N) Σ_i (σ(z_i) − y_i)
 * </pre>
 * the values of {@code BceWithLogitsLoss} (mean) on {@code x.mm(w).add(b)} and its backward, without the [N, 1]
 * arrays. Computed in double, one exp and one log per row, so the result equals the autograd path's within float32
 * rounding; with the Vector API, several rows per step ({@link LossLoops}). Chunks and threads as
 * {@link LinearMseKernel}: the same bits on any number of threads.
 */
public final class LogisticKernel {
  private LogisticKernel() {}

  /**
   * One pass over the data, on as many threads as its size warrants.
   *
   * @param x features [N, d], row-major. Not modified.
   * @param y targets [N], each in [0, 1]. Not modified.
   * @param w weights [d]
   * @param b bias
   * @return the loss and its gradients, as {@link LinearMseKernel.Result}
   */
  public static LinearMseKernel.Result compute(float[] x, float[] y, double[] w, double b) {
    return compute(x, y, w, b, LinearMseKernel.threadsFor(4L * (x.length + y.length)));
  }

  /** As {@link LinearMseKernel#computeExact(float[], float[], double[], double)}: every sum in double. */
  public static LinearMseKernel.Result computeExact(float[] x, float[] y, double[] w, double b, int threads) {
    return compute(x, y, w, b, threads, LossLoops.SCALAR);
  }

  /** As {@link #computeExact(float[], float[], double[], double, int)} on as many threads as the size warrants. */
  public static LinearMseKernel.Result computeExact(float[] x, float[] y, double[] w, double b) {
    return computeExact(x, y, w, b, LinearMseKernel.threadsFor(4L * (x.length + y.length)));
  }

  /** As {@link LinearMseKernel#sumsInFloat32(int, int)}, for this kernel (whose scalar loop is in double). */
  public static boolean sumsInFloat32(int n, int d) {
    return !LossLoops.forRows(n).logisticInDouble(d);
  }

  /** As {@link #compute(float[], float[], double[], double)} on at most {@code threads} threads (same result). */
  public static LinearMseKernel.Result compute(float[] x, float[] y, double[] w, double b, int threads) {
    return compute(x, y, w, b, threads, LossLoops.forRows(y.length));
  }

  /** As {@link #compute(float[], float[], double[], double, int)} with the given loops (tests compare them). */
  static LinearMseKernel.Result compute(float[] x, float[] y, double[] w, double b, int threads, LossLoops loops) {
    LinearMseKernel.checkSizes(x.length, y.length, w.length);
    int n = y.length;
    int d = w.length;
    double[] t = LinearMseKernel.totals(n, d, threads,
        (from, to, sums, at) -> loops.logistic(x, y, w, b, from, to, sums, at));
    double[] gradW = new double[d];
    for (int j = 0; j < d; j++) gradW[j] = t[2 + j] / n;
    return new LinearMseKernel.Result(t[0] / n, gradW, t[1] / n);
  }

  /**
   * log1p(e) given u = 1 + e, for e in (0, 1]: Goldberg's log(u)·e/(u − 1), accurate to a few ulps from Math.log
   * (an intrinsic; Math.log1p is not, and took most of the loop's time).
   */
  static double log1p(double e, double u) {
    double um1 = u - 1;
    return um1 == 0 ? e : Math.log(u) * e / um1;
  }

  /** Adds Σℓ, Σ(σ(z) − y) and Σ(σ(z) − y)·x_j over rows [from, to) to sums[at], sums[at+1], sums[at+2+j]. */
  static void rows(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int d = w.length;
    double[] g = new double[d];
    double l = 0;
    double s = 0;
    for (int i = from; i < to; i++) {
      int k = i * d;
      double z = b;
      for (int j = 0; j < d; j++) z = Math.fma(x[k + j], w[j], z);
      double yi = y[i];
      double ez = Math.exp(-Math.abs(z)); // in (0, 1]: nothing overflows
      double u = 1 + ez;
      double inv = 1 / u;
      l += Math.max(z, 0) - z * yi + log1p(ez, u);
      double r = (z >= 0 ? inv : ez * inv) - yi; // σ(z) − y
      s += r;
      for (int j = 0; j < d; j++) g[j] = Math.fma(r, x[k + j], g[j]);
    }
    sums[at] += l;
    sums[at + 1] += s;
    for (int j = 0; j < d; j++) sums[at + 2 + j] += g[j];
  }
}
