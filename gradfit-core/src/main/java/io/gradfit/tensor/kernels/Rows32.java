package io.gradfit.tensor.kernels;

/**
 * A row loop of {@link LinearMseKernel} over float32 data: adds Σe², Σe and Σe·x_j over rows [from, to) to
 * {@code sums[at]}, {@code sums[at+1]} and {@code sums[at+2+j]}.
 *
 * <p>{@link #SCALAR} is plain Java and runs everywhere. {@link #VECTOR_256} and {@link #VECTOR_512} use the Vector
 * API ({@code jdk.incubator.vector}), which a JVM offers only when started with
 * {@code --add-modules jdk.incubator.vector}; they are compiled apart (src/main/vector) and loaded by name, so
 * nothing else in gradfit refers to the incubator module. The two add the d products of a row's dot product in
 * different orders, so their results may differ in the last bits; each is deterministic, and both stay within
 * float32 rounding of the autograd path (LinearMseKernelTest).
 */
interface Rows32 {
  void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at);

  /** The loop to call for d features: chosen once per pass, not once per chunk. */
  default Rows32 forWidth(int d) {
    return this;
  }

  /**
   * Whether the loop for d features computes in double (then its sums equal the float64 autograd path's up to
   * their order) or in float, like the float32 autograd path (then they are within float32 rounding of both).
   */
  default boolean inDouble(int d) {
    return true;
  }

  /** Every value widened to double and every sum in double: what small inputs get (FLOAT32_MIN_ROWS). */
  Rows32 EXACT = LinearMseKernel::exact;

  /** The plain Java loops: in float for up to three features and for 16 to 19 (FewFeatures, SixteenFeatures). */
  Rows32 SCALAR = new Rows32() {
    @Override
    public void sums(float[] x, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
      LinearMseKernel.scalar(x, y, w, b, from, to, sums, at);
    }

    @Override
    public boolean inDouble(int d) {
      return d > FewFeatures.MAX && !SixteenFeatures.fits(d);
    }
  };

  /**
   * The 256-bit Vector API loops (four doubles per vector), or null when this JVM does not offer the Vector API (or
   * has no 256-bit vectors).
   */
  Rows32 VECTOR_256 = VectorApi.load("VectorRows", Rows32.class);

  /** The 512-bit Vector API loops (eight doubles per vector, AVX-512), or null where they would not be fast. */
  Rows32 VECTOR_512 = VectorApi.load("WideVectorRows", Rows32.class);

  /** The widest Vector API loops this JVM and CPU offer, or null. */
  Rows32 VECTOR = VECTOR_512 != null ? VECTOR_512 : VECTOR_256;

  /**
   * The loop for n rows: {@link #EXACT} below {@link LinearMseKernel#FLOAT32_MIN_ROWS}, where speed does not matter
   * and exact sums do, else {@link #BEST}.
   */
  static Rows32 forRows(int n) {
    return n < LinearMseKernel.FLOAT32_MIN_ROWS ? EXACT : BEST;
  }

  /** What {@link LinearMseKernel#compute(float[], float[], double[], double)} uses from FLOAT32_MIN_ROWS rows on. */
  Rows32 BEST = VECTOR != null ? VECTOR : SCALAR;
}
