package io.gradfit.tensor.kernels;

/**
 * The losses of {@link LinearMseKernel} (mean squared error) and {@link LogisticKernel} (binary cross-entropy on
 * logits) for feature-major float32 data: X [N, d] stored column after column, feature j of row i at
 * {@code j·N + i} (the [d, N] array of X's transpose). The same values, within float32 rounding, as those kernels on
 * the row-major X, and the same chunks and threads: the same bits on any number of threads.
 *
 * <p>Why a layout of its own: a row-major row of few features splits across vector lanes, so a vector loop must
 * shuffle every row's features apart before it computes; here each feature of sixteen rows is one vector load. The
 * logistic loss, which computes an exp and a log per row, gains most (docs/benchmarks.md).
 *
 * <pre>{@code
 * LinearMseKernel.Result r = ColumnKernels.mse(xt, y, w, b); // xt: d columns of y.length rows each
 * }</pre>
 */
public final class ColumnKernels {
  /** Rows per block of the scalar loop: its logits (2 KiB) stay in L1 while each feature's rows are read. */
  static final int BLOCK_ROWS = 256;

  private ColumnKernels() {}

  /**
   * The mean squared error of {@code X·w + b} against y and its gradients, as {@link LinearMseKernel#compute}.
   *
   * @param xt X feature-major: d columns of N rows, feature j of row i at {@code j·N + i}. Not modified.
   * @param y targets [N]. Not modified.
   * @param w weights [d]
   * @param b bias
   */
  public static LinearMseKernel.Result mse(float[] xt, float[] y, double[] w, double b) {
    return mse(xt, y, w, b, LinearMseKernel.threadsFor(4L * (xt.length + y.length)));
  }

  /** As {@link #mse(float[], float[], double[], double)} on at most {@code threads} threads (same result). */
  public static LinearMseKernel.Result mse(float[] xt, float[] y, double[] w, double b, int threads) {
    return compute(xt, y, w, b, threads, ColumnLoops.forRows(y.length), false);
  }

  /**
   * Binary cross-entropy on the logits {@code X·w + b} against y in [0, 1], mean reduction, and its gradients, as
   * {@link LogisticKernel#compute}; arguments as {@link #mse(float[], float[], double[], double)}.
   */
  public static LinearMseKernel.Result logistic(float[] xt, float[] y, double[] w, double b) {
    return logistic(xt, y, w, b, LinearMseKernel.threadsFor(4L * (xt.length + y.length)));
  }

  /** As {@link #logistic(float[], float[], double[], double)} on at most {@code threads} threads (same result). */
  public static LinearMseKernel.Result logistic(float[] xt, float[] y, double[] w, double b, int threads) {
    return compute(xt, y, w, b, threads, ColumnLoops.forRows(y.length), true);
  }

  /**
   * Whether {@link #mse} (false) or {@link #logistic} (true) sums data of n rows in float32 blocks on this JVM (else
   * in double); either way within float32 rounding of the autograd path.
   */
  public static boolean sumsInFloat32(int n, boolean logistic) {
    return !ColumnLoops.forRows(n).inDouble(logistic);
  }

  /** With the given loops (tests compare them). */
  static LinearMseKernel.Result compute(float[] xt, float[] y, double[] w, double b, int threads, ColumnLoops loops,
      boolean logistic) {
    int n = y.length;
    int d = w.length;
    LinearMseKernel.checkSizes(xt.length, n, d);
    double[] t = LinearMseKernel.totals(n, d, threads, logistic
        ? (from, to, sums, at) -> loops.logistic(xt, n, y, w, b, from, to, sums, at)
        : (from, to, sums, at) -> loops.mse(xt, n, y, w, b, from, to, sums, at));
    double scale = logistic ? 1.0 / n : 2.0 / n; // d(e²)/de = 2e; dℓ/dz = σ(z) − y
    double[] gradW = new double[d];
    for (int j = 0; j < d; j++) gradW[j] = t[2 + j] * scale;
    return new LinearMseKernel.Result(t[0] / n, gradW, t[1] * scale);
  }

  /**
   * The scalar loop, in double: by blocks of {@link #BLOCK_ROWS} rows, the logits (or residuals) one feature at a
   * time, then each row's loss and dℓ/dz, then the gradient one feature at a time; each pass reads a feature's rows
   * in order.
   */
  static void rows(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at,
      boolean logistic) {
    int d = w.length;
    double[] z = new double[BLOCK_ROWS];
    double l = 0;
    double s = 0;
    double[] g = new double[d];
    for (int i = from; i < to; i += BLOCK_ROWS) {
      int len = Math.min(BLOCK_ROWS, to - i);
      for (int r = 0; r < len; r++) z[r] = b;
      for (int j = 0; j < d; j++) {
        double wj = w[j];
        int c = j * n + i;
        for (int r = 0; r < len; r++) z[r] = Math.fma(xt[c + r], wj, z[r]);
      }
      for (int r = 0; r < len; r++) { // z[r] becomes dℓ/dz
        double yr = y[i + r];
        if (logistic) {
          double zr = z[r];
          double ez = Math.exp(-Math.abs(zr)); // in (0, 1]: nothing overflows
          double u = 1 + ez;
          double inv = 1 / u;
          l += Math.max(zr, 0) - zr * yr + LogisticKernel.log1p(ez, u);
          z[r] = (zr >= 0 ? inv : ez * inv) - yr; // σ(z) − y
        } else {
          double e = z[r] - yr;
          l = Math.fma(e, e, l);
          z[r] = e;
        }
        s += z[r];
      }
      for (int j = 0; j < d; j++) {
        int c = j * n + i;
        double g0 = 0, g1 = 0;
        int r = 0;
        for (; r + 2 <= len; r += 2) {
          g0 = Math.fma(z[r], xt[c + r], g0);
          g1 = Math.fma(z[r + 1], xt[c + r + 1], g1);
        }
        if (r < len) g0 = Math.fma(z[r], xt[c + r], g0);
        g[j] += g0 + g1;
      }
    }
    sums[at] += l;
    sums[at + 1] += s;
    for (int j = 0; j < d; j++) sums[at + 2 + j] += g[j];
  }
}
