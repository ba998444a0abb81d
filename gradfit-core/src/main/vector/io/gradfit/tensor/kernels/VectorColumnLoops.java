package io.gradfit.tensor.kernels;

/**
 * The Vector API loops of {@link ColumnKernels}: whole blocks through {@link FloatColumns} (512-bit vectors, sums in
 * float blocks), the rows left after the last block through the scalar loop.
 *
 * <p>NOTE: compiled apart with {@code --add-modules jdk.incubator.vector} (src/main/vector) and loaded by name from
 * {@link ColumnLoops}, only when the JVM has the module.
 */
final class VectorColumnLoops implements ColumnLoops {
  private VectorColumnLoops() {}

  /** The loops, or null on hardware without 512-bit float vectors. */
  static ColumnLoops create() {
    return FloatBlocks.available() ? new VectorColumnLoops() : null;
  }

  @Override
  public boolean inDouble(boolean logistic) {
    return false;
  }

  @Override
  public void mse(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums, int at) {
    int i = FloatColumns.mse(xt, n, y, w, b, from, to, sums, at);
    ColumnKernels.rows(xt, n, y, w, b, i, to, sums, at, false);
  }

  @Override
  public void logistic(float[] xt, int n, float[] y, double[] w, double b, int from, int to, double[] sums,
      int at) {
    int i = FloatColumns.logistic(xt, n, y, w, b, from, to, sums, at);
    ColumnKernels.rows(xt, n, y, w, b, i, to, sums, at, true);
  }
}
