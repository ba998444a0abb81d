package io.gradfit.tensor.kernels;

/**
 * The hot loop of the float32 cascade sums (io.gradfit.tensor.CascadeSum): rows of sixteen or more columns added
 * into one running sum per column. Each column's adds happen in row order whatever the implementation, so the
 * result has the same bits; the Vector API one ({@link #VECTOR}) adds sixteen columns per instruction, where the
 * plain Java loop, which C2 does not vectorize, adds one.
 */
public interface ColumnSums {
  /**
   * acc[at + c] += a[from + i·stride + c] for i &lt; rows, in that order, for c &lt; width; width a multiple of
   * sixteen.
   */
  void add(float[] a, int from, int stride, int rows, int width, float[] acc, int at);

  /** The Vector API loop, or null when the JVM does not offer it (or has no 512-bit vectors). */
  ColumnSums VECTOR = VectorApi.load("VectorColumnSums", ColumnSums.class);
}
