package io.gradfit.tensor.kernels;

/**
 * The two matrix-vector products of the autograd path for float32 data of three columns (the lesson's cubic, a
 * linear model of three features): the row dot products X·w, and Xᵀ·g over a block of rows. {@link #SCALAR} is
 * plain Java; {@link #BEST} is the 512-bit Vector API loop when the JVM offers it (loaded by name, as
 * {@link Rows32} is), sixteen rows per step.
 */
public interface ThreeColumns {
  /**
   * Rows from which Xᵀ·g goes through {@link #columns}; smaller products keep one running float sum per column, the
   * order of the FMA-based BLAS the PyTorch reference runs on (the lesson's bits). Above it that order would cost a
   * chain of dependent adds per column and lose accuracy with every row; blocks summed in float and added in double
   * cost neither.
   */
  int MIN_ROWS = 1 << 16;

  /**
   * z[at + r] = fma(x₂, w2, fma(x₁, w1, fma(x₀, w0, 0))) for (x₀, x₁, x₂) = row from + r of A [*, 3], r &lt; rows:
   * every row by the same three roundings in every implementation, so the bits do not depend on which ran.
   */
  void rows(float[] a, int from, float w0, float w1, float w2, float[] z, int at, int rows);

  /**
   * z[at + r] = (dot + bias) - y[yOff + r] for r &lt; rows, where dot is row from + r's dot product as in
   * {@link #rows}: a linear model's residuals, {@code x.mm(w).add(b).sub(y)}, rounded as those three ops round
   * them, in one pass that reads the rows and the targets together.
   */
  void residuals(float[] a, int from, float w0, float w1, float w2, float bias, float[] y, int yOff, float[] z,
      int at, int rows);

  /**
   * Adds Σ_p A[p, j]·g[gOff + p - p0] over a block of rows p0 &le; p &lt; p1 to {@code acc[j]},
   * j &lt; 3: the block's products summed in float, then added in double. How the block's sum is split into
   * partial sums depends on the implementation, so the last bits may differ between a JVM with the Vector API and
   * one without; each is deterministic.
   */
  void columns(float[] a, int p0, int p1, float[] g, int gOff, double[] acc);

  /** The plain Java loops. */
  ThreeColumns SCALAR = new ThreeColumnLoops();

  /** The Vector API loops, or null when the JVM does not offer them (or has no 512-bit vectors). */
  ThreeColumns VECTOR = VectorApi.load("VectorThreeColumns", ThreeColumns.class);

  /** The fastest loops this JVM offers. */
  ThreeColumns BEST = VECTOR != null ? VECTOR : SCALAR;
}
