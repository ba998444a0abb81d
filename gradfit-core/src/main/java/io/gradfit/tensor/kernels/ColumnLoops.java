package io.gradfit.tensor.kernels;

/**
 * The loops of {@link ColumnKernels}: each adds its sums over rows [from, to) of feature-major float32 data (feature
 * j of row i at {@code j·n + i}) to {@code sums[at..]}: the loss (Σe² or Σℓ), Σ dℓ/dz, then Σ dℓ/dz·x_j.
 * {@link #EXACT} is plain Java in double; {@link #SCALAR} plain Java with the MSE in float ({@link ColumnMse32});
 * {@link #VECTOR} uses 512-bit vectors in float when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (compiled apart in src/main/vector and loaded by name, as
 * {@link Rows32}).
 */
interface ColumnLoops {
  /** Mean squared error sums: Σe², Σe, Σe·x_j. */
  void mse(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at);

  /** Binary cross-entropy on logits: Σℓ, Σ(σ(z) − y), Σ(σ(z) − y)·x_j. */
  void logistic(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at);

  /** Whether the sums of the loss are taken in double (else in float blocks added in double). */
  default boolean inDouble(boolean logistic) {
    return true;
  }

  /** Every value widened to double and every sum in double. */
  ColumnLoops EXACT = new ColumnLoops() {
    @Override
    public void mse(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
      ColumnKernels.rows(xt, n, y, w, b, from, to, sums, at, false);
    }

    @Override
    public void logistic(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums,
        int at) {
      ColumnKernels.rows(xt, n, y, w, b, from, to, sums, at, true);
    }
  };

  /** Plain Java: the MSE in float blocks ({@link ColumnMse32}), the logistic loss in double (its exp and log are). */
  ColumnLoops SCALAR = new ColumnLoops() {
    @Override
    public void mse(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
      int i = ColumnMse32.sums(xt, n, y, w, b, from, to, sums, at);
      ColumnKernels.rows(xt, n, y, w, b, i, to, sums, at, false);
    }

    @Override
    public void logistic(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums,
        int at) {
      ColumnKernels.rows(xt, n, y, w, b, from, to, sums, at, true);
    }

    @Override
    public boolean inDouble(boolean logistic) {
      return logistic;
    }
  };

  /** The 512-bit Vector API loops, or null when this JVM or CPU does not offer them. */
  ColumnLoops VECTOR = VectorApi.load("VectorColumnLoops", ColumnLoops.class);

  /**
   * The loops for n rows: {@link #EXACT} below {@link LinearMseKernel#FLOAT32_MIN_ROWS} (exact sums where speed does
   * not matter, as {@link Rows32#forRows}), else the fastest.
   */
  static ColumnLoops forRows(int n) {
    return n < LinearMseKernel.FLOAT32_MIN_ROWS ? EXACT : VECTOR != null ? VECTOR : SCALAR;
  }
}
