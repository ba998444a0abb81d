package io.gradfit.tensor.kernels;

/**
 * The row loops of {@link LogisticKernel} and {@link PolynomialKernel}: each adds its sums over rows [from, to) to
 * {@code sums[at..]} (the loss or Σe², then Σ dℓ/dz, then Σ dℓ/dz·x_j). {@link #SCALAR} is plain Java;
 * {@link #VECTOR} uses the Vector API when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * (compiled apart in src/main/vector and loaded by name, as {@link Rows32}).
 */
interface LossLoops {
  /** Logistic loss sums over rows of X [N, d], row-major. */
  void logistic(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at);

  /**
   * Polynomial MSE sums over a raw column ({@code float[]} or {@code double[]}), with features
   * {@code f_k = t^k·a_k + c_k} and weights w (all of length {@link PolynomialKernel#MAX_DEGREE}).
   */
  void polynomial(Object column, float[] y, double[] a, double[] c, double[] w, double b, int from, int to,
      double[] sums, int at);

  /** Whether {@link #logistic} sums float32 rows of d features in double (else in float: see FloatBlocks). */
  default boolean logisticInDouble(int d) {
    return true;
  }

  /** Whether {@link #polynomial} sums a float32 (true) or float64 column in double (else in float). */
  default boolean polynomialInDouble(boolean float32Column) {
    return true;
  }

  LossLoops SCALAR = new LossLoops() {
    @Override
    public void logistic(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
      LogisticKernel.rows(x, y, w, b, from, to, sums, at);
    }

    @Override
    public void polynomial(Object column, float[] y, double[] a, double[] c, double[] w, double b, int from,
        int to, double[] sums, int at) {
      if (column instanceof float[] t) {
        PolynomialKernel.rows(t, y, a, c, w, b, from, to, sums, at);
      } else {
        PolynomialKernel.rows((double[]) column, y, a, c, w, b, from, to, sums, at);
      }
    }
  };

  /** The Vector API loops, or null when this JVM does not offer them. */
  LossLoops VECTOR = VectorApi.load("VectorLossRows", LossLoops.class);

  /**
   * The loops for n rows: {@link #SCALAR}, in double, below {@link LinearMseKernel#FLOAT32_MIN_ROWS} (as
   * {@link Rows32#forRows}), else {@link #BEST}.
   */
  static LossLoops forRows(int n) {
    return n < LinearMseKernel.FLOAT32_MIN_ROWS ? SCALAR : BEST;
  }

  /** What the kernels use from FLOAT32_MIN_ROWS rows on. */
  LossLoops BEST = VECTOR != null ? VECTOR : SCALAR;
}
