package io.gradfit.tensor.kernels;

/**
 * Mean squared error of a polynomial of one column and its gradients, in one pass over the raw column: the powers
 * are computed per row inside the kernel, never stored, so a fit needs the column (N values), not N × degree
 * features. For t [N], y [N], degree p ≤ {@link #MAX_DEGREE}, optional standardization of each power
 * ({@code f_k = (t^k − μ_k)/σ_k}, as {@code Standardizer} does), weights w [p] and bias b, with
 * {@code e_i = Σ_k f_k(t_i)·w_k + b − y_i}:
 * <pre>
 *   loss  = (1/N) Σ_i e_i²      dL/dw_k = (2/N) Σ_i e_i·f_k(t_i)      dL/db = (2/N) Σ_i e_i
 * </pre>
 * what {@code PolynomialFeatures}, the standardizer, {@code .float()} and {@code x.mm(w).add(b).sub(y).pow(2).mean()}
 * give with their backward, within float32 rounding: the powers are products in double (t·t, t²·t, ...), where the
 * autograd path rounds them to the column's dtype and then to float32. Chunks and threads as
 * {@link LinearMseKernel}: the same bits on any number of threads.
 */
public final class PolynomialKernel {
  /** The highest degree the kernel computes. */
  public static final int MAX_DEGREE = 5;

  private PolynomialKernel() {}

  /** As {@link LinearMseKernel#sumsInFloat32(int, int)}, for n rows of a float32 (true) or float64 column. */
  public static boolean sumsInFloat32(int n, boolean float32Column) {
    return !LossLoops.forRows(n).polynomialInDouble(float32Column);
  }

  /**
   * One pass over a float32 column.
   *
   * @param t the raw column [N]. Not modified.
   * @param y targets [N]. Not modified.
   * @param mean μ_k of each power k = 1..p, or null for none (then {@code std} must be null too)
   * @param std σ_k of each power, each &gt; 0, or null
   * @param w weights [p], 1 ≤ p ≤ {@link #MAX_DEGREE}
   * @param b bias
   */
  public static LinearMseKernel.Result compute(float[] t, float[] y, double[] mean, double[] std, double[] w,
      double b) {
    return compute(t, y, mean, std, w, b, LinearMseKernel.threadsFor(8L * y.length), LossLoops.forRows(y.length));
  }

  /** As {@link #compute(float[], float[], double[], double[], double[], double)} for a float64 column. */
  public static LinearMseKernel.Result compute(double[] t, float[] y, double[] mean, double[] std, double[] w,
      double b) {
    return compute(t, y, mean, std, w, b, LinearMseKernel.threadsFor(12L * y.length), LossLoops.forRows(y.length));
  }

  /**
   * As the public entry points, on at most {@code threads} threads with the given loops (tests compare them).
   *
   * @param column float[] or double[]
   */
  static LinearMseKernel.Result compute(Object column, float[] y, double[] mean, double[] std, double[] w, double b,
      int threads, LossLoops loops) {
    int p = w.length;
    int n = y.length;
    int length = column instanceof float[] f ? f.length : ((double[]) column).length;
    if (p < 1 || p > MAX_DEGREE) {
      throw new IllegalArgumentException("PolynomialKernel: degree " + p + " (w has " + p + " values); expected 1 to "
          + MAX_DEGREE);
    }
    if (length != n || n == 0) {
      throw new IllegalArgumentException("PolynomialKernel: the column has " + length + " values and y " + n
          + "; expected the same number, at least 1");
    }
    if ((mean == null) != (std == null) || mean != null && (mean.length != p || std.length != p)) {
      throw new IllegalArgumentException("PolynomialKernel: expected " + p + " means and " + p
          + " standard deviations, or none");
    }
    // f_k = t^k·a_k + c_k: the standardization as one FMA per power; powers above p have a_k = c_k = w_k = 0
    double[] a = new double[MAX_DEGREE];
    double[] c = new double[MAX_DEGREE];
    double[] ww = new double[MAX_DEGREE];
    for (int k = 0; k < p; k++) {
      a[k] = mean == null ? 1 : 1 / std[k];
      c[k] = mean == null ? 0 : -mean[k] / std[k];
      ww[k] = w[k];
    }
    double[] total = LinearMseKernel.totals(n, MAX_DEGREE, threads,
        (from, to, sums, at) -> loops.polynomial(column, y, a, c, ww, b, from, to, sums, at));
    double[] gradW = new double[p];
    for (int k = 0; k < p; k++) gradW[k] = total[2 + k] * (2.0 / n);
    return new LinearMseKernel.Result(total[0] / n, gradW, 2.0 * total[1] / n);
  }

  /** Adds Σe², Σe and Σe·f_k over rows [from, to) to sums[at], sums[at+1], sums[at+2+k], k < MAX_DEGREE. */
  static void rows(float[] t, float[] y, double[] a, double[] c, double[] w, double b, int from, int to,
      double[] sums, int at) {
    double a1 = a[0], a2 = a[1], a3 = a[2], a4 = a[3], a5 = a[4];
    double c1 = c[0], c2 = c[1], c3 = c[2], c4 = c[3], c5 = c[4];
    double w1 = w[0], w2 = w[1], w3 = w[2], w4 = w[3], w5 = w[4];
    // powers above the degree are 0, never computed: t^5 of a large t would be infinite, and ∞·0 is NaN
    boolean h2 = a2 != 0, h3 = a3 != 0, h4 = a4 != 0, h5 = a5 != 0;
    double q = 0, s = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0;
    for (int i = from; i < to; i++) {
      double t1 = t[i];
      double t2 = h2 ? t1 * t1 : 0;
      double t3 = h3 ? t2 * t1 : 0;
      double t4 = h4 ? t2 * t2 : 0;
      double t5 = h5 ? t4 * t1 : 0;
      double f1 = Math.fma(t1, a1, c1), f2 = Math.fma(t2, a2, c2), f3 = Math.fma(t3, a3, c3);
      double f4 = Math.fma(t4, a4, c4), f5 = Math.fma(t5, a5, c5);
      double e = Math.fma(f5, w5, Math.fma(f4, w4, Math.fma(f3, w3, Math.fma(f2, w2, Math.fma(f1, w1, b))))) - y[i];
      q = Math.fma(e, e, q);
      s += e;
      g1 = Math.fma(e, f1, g1); g2 = Math.fma(e, f2, g2); g3 = Math.fma(e, f3, g3);
      g4 = Math.fma(e, f4, g4); g5 = Math.fma(e, f5, g5);
    }
    sums[at] += q;
    sums[at + 1] += s;
    sums[at + 2] += g1; sums[at + 3] += g2; sums[at + 4] += g3; sums[at + 5] += g4; sums[at + 6] += g5;
  }

  /** As the float32 column's loop, for a float64 column. */
  static void rows(double[] t, float[] y, double[] a, double[] c, double[] w, double b, int from, int to,
      double[] sums, int at) {
    double a1 = a[0], a2 = a[1], a3 = a[2], a4 = a[3], a5 = a[4];
    double c1 = c[0], c2 = c[1], c3 = c[2], c4 = c[3], c5 = c[4];
    double w1 = w[0], w2 = w[1], w3 = w[2], w4 = w[3], w5 = w[4];
    // powers above the degree are 0, never computed: t^5 of a large t would be infinite, and ∞·0 is NaN
    boolean h2 = a2 != 0, h3 = a3 != 0, h4 = a4 != 0, h5 = a5 != 0;
    double q = 0, s = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0;
    for (int i = from; i < to; i++) {
      double t1 = t[i];
      double t2 = h2 ? t1 * t1 : 0;
      double t3 = h3 ? t2 * t1 : 0;
      double t4 = h4 ? t2 * t2 : 0;
      double t5 = h5 ? t4 * t1 : 0;
      double f1 = Math.fma(t1, a1, c1), f2 = Math.fma(t2, a2, c2), f3 = Math.fma(t3, a3, c3);
      double f4 = Math.fma(t4, a4, c4), f5 = Math.fma(t5, a5, c5);
      double e = Math.fma(f5, w5, Math.fma(f4, w4, Math.fma(f3, w3, Math.fma(f2, w2, Math.fma(f1, w1, b))))) - y[i];
      q = Math.fma(e, e, q);
      s += e;
      g1 = Math.fma(e, f1, g1); g2 = Math.fma(e, f2, g2); g3 = Math.fma(e, f3, g3);
      g4 = Math.fma(e, f4, g4); g5 = Math.fma(e, f5, g5);
    }
    sums[at] += q;
    sums[at + 1] += s;
    sums[at + 2] += g1; sums[at + 3] += g2; sums[at + 4] += g3; sums[at + 5] += g4; sums[at + 6] += g5;
  }
}
